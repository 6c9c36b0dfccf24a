#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Test-SshLogin in the built module: its parameters and input errors, and against the lab's real
# sshd from a PowerShell started inside the lab's client namespace.

BeforeAll {
    $modulePath = if ($env:SSHTRIAGE_MODULE_PATH) { $env:SSHTRIAGE_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/SshTriage' }
    Import-Module $modulePath -Force
}

Describe 'Test-SshLogin without a server' {
    It 'takes a key or a credential, not both' {
        $sets = (Get-Command Test-SshLogin).ParameterSets
        ($sets | Where-Object Name -EQ 'KeyFile').Parameters.Name | Should -Not -Contain 'Credential'
        ($sets | Where-Object Name -EQ 'Credential').Parameters.Name | Should -Not -Contain 'KeyFilePath'
    }

    It 'refuses malformed names and a bad fingerprint before connecting' {
        $results = Test-SshLogin 'web01;reboot', '198.51.100.7:99999' -UserName alice -ErrorVariable problems -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $problems.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('InvalidComputerName', 'InvalidComputerName')

        $null = Test-SshLogin 198.51.100.7 -UserName alice -HostKeyFingerprint 'MD5:97:70:33:82' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRemoteTarget*'
    }

    It 'reports a closed port as a Connect failure with the Test-SshPort status' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()

        $result = Test-SshLogin 127.0.0.1 -Port $port -UserName alice -TimeoutSec 2
        $result | Should -BeOfType 'SshTriage.SshLoginResult'
        $result.FailedStage | Should -Be 'Connect'
        $result.PortStatus | Should -Be 'Refused'
        ($result | Format-Table | Out-String) | Should -Match 'Connect'
    }
}

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'LabHost.psm1') -Force
    $labReady = Test-LabAvailable
}

Describe 'Test-SshLogin against the lab' -Skip:(-not $labReady) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'LabHost.psm1') -Force
        $module = (Get-Module SshTriage).Path -replace '\.dll$', '.psd1'
        $running = Start-LabScenario key-not-authorized
        $lab = $running.Settings
        # The server's Ed25519 host key, pinned: the module never reads or writes this machine's known_hosts here.
        $hostKey = (& ssh-keygen -lf (Join-Path $running.State 'server/keys/ssh_host_ed25519_key.pub')) -split ' ' | Select-Object -Index 1

        # Runs Test-SshLogin in a new PowerShell inside the lab's client; its result comes back as JSON.
        function Invoke-Login([string] $KeyFile) {
            Invoke-LabClientScript $running @"
`$ErrorActionPreference = 'Stop'
Import-Module '$module'
Test-SshLogin '$($lab.SERVER_ADDR)' -UserName alice -KeyFilePath '$KeyFile' -HostKeyFingerprint '$hostKey' -TimeoutSec 10 | ConvertTo-Json -Depth 4 -Compress -EnumsAsStrings
"@ $TestDrive
        }
    }

    AfterAll {
        Stop-LabScenario $running
    }

    It 'logs in with an authorized key, reaches Session and closes' {
        $result = Invoke-Login $lab.USER_ALICE_KEY
        $result.StageReached | Should -Be 'Session'
        $result.FailedStage | Should -BeNullOrEmpty
        $result.HostKeyStatus | Should -Be 'Known'
        $result.HostKeyFingerprint | Should -Be $hostKey
        $result.AuthenticationAttempts[0].Result | Should -Be 'Success'
    }

    It 'names the refused key and the methods the server allows' {
        $result = Invoke-Login $lab.WRONG_KEY
        $result.FailedStage | Should -Be 'Authentication'
        $result.AllowedMethods | Should -Contain 'publickey'
        $wrong = (& ssh-keygen -lf $lab.CLIENT_PUBLIC_KEY) -split ' ' | Select-Object -Index 1
        $result.OfferedKeys | Should -Be @("ED25519 $wrong")
        $result.AuthenticationAttempts[0].Result | Should -Be 'Failure'
    }
}
