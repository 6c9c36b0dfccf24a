#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# -Transport, -Credential, -SudoCredential and -HostKeyFingerprint: what every cmdlet that reaches
# a server takes, and what is refused before anything connects.

BeforeAll {
    $modulePath = if ($env:SSHTRIAGE_MODULE_PATH) { $env:SSHTRIAGE_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/SshTriage' }
    Import-Module $modulePath -Force
    $password = ConvertTo-SecureString 'sst-not-a-real-password' -AsPlainText -Force
    $credential = [pscredential]::new('triage', $password)
}

Describe 'The transport parameters' {
    It '<Name> takes them' -TestCases @(
        'Find-SshRejectCause', 'Get-Fail2BanBan', 'Get-Fail2BanJail', 'Get-FirewallRule', 'Get-SshdConfig', 'Get-SshListener',
        'Get-SshLogEvent', 'Save-SshTriageEvidence', 'Test-FirewallAccess', 'Unblock-Fail2BanIp' | ForEach-Object { @{ Name = $_ } }
    ) {
        $parameters = (Get-Command $Name).Parameters
        $parameters['Transport'].ParameterType | Should -Be ([SshTriage.SshTransport])
        $parameters['Credential'].ParameterType | Should -Be ([pscredential])
        $parameters['SudoCredential'].ParameterType | Should -Be ([pscredential])
        $parameters['HostKeyFingerprint'].ParameterType | Should -Be ([string[]])
        $parameters['SudoCredential'].ParameterSets.Keys | Sort-Object | Should -Be @('ComputerName', 'Local')
    }

    It 'offers Auto, OpenSsh and SshNet' {
        [enum]::GetNames([SshTriage.SshTransport]) | Should -Be @('Auto', 'OpenSsh', 'SshNet')
    }
}

Describe 'The module layout' {
    It 'ships SSH.NET and its dependencies in a folder of their own, and no System.Management.Automation' {
        $base = (Get-Module SshTriage).ModuleBase
        $private = @(Get-ChildItem -Path (Join-Path $base 'SshNet') -Filter '*.dll').Name
        $private | Should -Contain 'SshTriage.SshNet.dll'
        $private | Should -Contain 'Renci.SshNet.dll'
        $private | Should -Contain 'BouncyCastle.Cryptography.dll'
        $private | Should -Not -Contain 'SshTriage.Core.dll'
        @(Get-ChildItem -Path $base -Filter '*.dll').Name | Sort-Object | Should -Be @('SshTriage.Core.dll', 'SshTriage.dll')
        Get-ChildItem -Path $base -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It 'imports without loading SSH.NET until a server is read over it' {
        $loaded = & (Get-Process -Id $PID).Path @(if ((Get-Process -Id $PID).ProcessName -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' }) -NoProfile -NonInteractive -Command "Import-Module '$((Get-Module SshTriage).Path -replace '\.dll$', '.psd1')'; Get-SshListener -EvidencePath '$(Join-Path $PSScriptRoot 'SshTriage.Core.Tests/Fixtures/bundles/open-root.txt')' | Out-Null; @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Renci.SshNet' }).Count"
        $loaded | Should -Be '0'
    }
}

Describe 'Refused before connecting' {
    It 'refuses a credential for OpenSSH, which never takes a password' {
        $null = Get-SshListener -ComputerName web01 -Transport OpenSsh -Credential $credential -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRemoteTarget*'
        $problems[0].Exception.Message | Should -Match 'SSH.NET'
    }

    It 'refuses a fingerprint that is not SHA256' {
        $null = Get-SshdConfig -ComputerName web01 -HostKeyFingerprint 'MD5:97:70:33:82' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRemoteTarget*'
    }

    It 'refuses an ssh option SSH.NET would ignore' {
        $null = Get-Fail2BanJail -ComputerName web01 -Transport SshNet -SshOption @{ ConnectTimeout = 5 } -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRemoteTarget*'
        $problems[0].Exception.Message | Should -Match 'ConnectTimeout'
    }

    It 'refuses a -UserName that is not the credential''s user' {
        $null = Get-SshListener -ComputerName web01 -UserName root -Credential $credential -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].Exception.Message | Should -Match 'differ'
    }

    It 'never shows a password in the errors or the verbose stream' {
        $everything = Get-SshListener -ComputerName web01 -Transport OpenSsh -Credential $credential -SudoCredential $credential -Verbose *>&1 | Out-String
        $everything | Should -Not -BeNullOrEmpty
        $everything | Should -Not -Match 'sst-not-a-real-password'
    }
}

Describe 'Output objects in runbooks' {
    BeforeDiscovery {
        # One object of every output type, from bundles the lab's collector wrote (tests/lab/capture-bundles.sh).
        $bundles = Join-Path $PSScriptRoot 'SshTriage.Core.Tests/Fixtures/bundles'
        $makers = @(
            @{ Type = 'SshTriage.SshListener'; Make = { Get-SshListener -EvidencePath "$bundles/open-root.txt" } }
            @{ Type = 'SshTriage.SshdConfig'; Make = { Get-SshdConfig -EvidencePath "$bundles/open-root.txt" } }
            @{ Type = 'SshTriage.SshLogEvent'; Make = { Get-SshLogEvent -EvidencePath "$bundles/failed-logins-root.txt" } }
            @{ Type = 'SshTriage.Fail2BanJail'; Make = { Get-Fail2BanJail -EvidencePath "$bundles/f2b-gateway-banned-root.txt" } }
            @{ Type = 'SshTriage.Fail2BanBan'; Make = { Get-Fail2BanBan -EvidencePath "$bundles/f2b-gateway-banned-root.txt" } }
            @{ Type = 'SshTriage.FirewallRule'; Make = { Get-FirewallRule -EvidencePath "$bundles/f2b-gateway-banned-root.txt" } }
            @{ Type = 'SshTriage.FirewallVerdict'; Make = { Test-FirewallAccess -EvidencePath "$bundles/f2b-gateway-banned-root.txt" -SourceAddress 203.0.113.1 } }
            @{ Type = 'SshTriage.SshRejectCause'; Make = { Find-SshRejectCause -EvidencePath "$bundles/f2b-gateway-banned-root.txt" -ClientAddress 203.0.113.1 -IncludeCleared } }
            @{ Type = 'SshTriage.SshPortResult'; Make = { Test-SshPort 127.0.0.1 -Port 1 -TimeoutSec 1 } }
            @{ Type = 'SshTriage.SshLoginResult'; Make = { Test-SshLogin 127.0.0.1 -Port 1 -UserName alice -TimeoutSec 1 } }
        ) | ForEach-Object { $_.Bundles = $bundles; $_ }
    }

    It '<Type> comes back from Export-Clixml and Import-Clixml and is shown by its view as before' -TestCases $makers {
        $bundles = $Bundles
        $live = @(& $Make)
        $live.Count | Should -BeGreaterThan 0
        $live[0].GetType().FullName | Should -Be $Type
        $file = Join-Path $TestDrive "$Type.xml"
        $live | Export-Clixml -Path $file
        $back = @(Import-Clixml -Path $file)

        $back[0].PSObject.TypeNames[0] | Should -Be "Deserialized.$Type"
        ($back | Out-String -Width 250) | Should -Be ($live | Out-String -Width 250)
        ($back | Format-List | Out-String -Width 250) | Should -Be ($live | Format-List | Out-String -Width 250)
    }

    It '<Type> converts to JSON without errors' -TestCases $makers {
        $bundles = $Bundles
        $json = & $Make | ConvertTo-Json -Depth 4 -ErrorVariable problems -WarningAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        ($json | ConvertFrom-Json) | Should -Not -BeNullOrEmpty
    }
}

# Against a lab server (tests/lab: real sshd in network namespaces; needs root), from a PowerShell
# started inside the lab's client namespace, as a runbook would run.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'LabHost.psm1') -Force
    $labReady = Test-LabAvailable
}

Describe 'Against the lab' -Skip:(-not $labReady) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'LabHost.psm1') -Force
        $module = (Get-Module SshTriage).Path -replace '\.dll$', '.psd1'
        $running = Start-LabScenario open
        $lab = $running.Settings
        $other = Join-Path $PSScriptRoot 'OtherSshNet/bin/Release/netstandard2.0/Renci.SshNet.dll'
        & dotnet build (Join-Path $PSScriptRoot 'OtherSshNet') -c Release --nologo -v quiet | Out-Null

        # Runs a script in a new PowerShell inside the lab's client; its last line is JSON.
        function Invoke-InClient([string] $Script) {
            $prelude = @"
`$ErrorActionPreference = 'Stop'
`$module = '$module'
`$server = '$($lab.SERVER_ADDR)'
`$port = $($lab.MGMT_PORT)
`$knownHosts = '$($lab.KNOWN_HOSTS)'
`$rootKey = '$($lab.CLIENT_KEY)'
`$other = '$other'
`$triagePassword = '$($lab.USER_TRIAGE_PASSWORD)'
`$nosudoPassword = '$($lab.USER_NOSUDO_PASSWORD)'

"@
            Invoke-LabClientScript $running ($prelude + $Script) $TestDrive
        }
    }

    AfterAll {
        Stop-LabScenario $running
    }

    It 'runs beside another SSH.NET version loaded <When>, and after Remove-Module and Import-Module' -TestCases @(
        @{ When = 'before it'; OtherFirst = $true }
        @{ When = 'after it'; OtherFirst = $false }
    ) {
        $result = Invoke-InClient @"
function Use-Other {
    # Another module's own use of its SSH.NET (its host key policy is its business).
    `$client = [Renci.SshNet.SshClient]::new(`$server, `$port, 'root', [Renci.SshNet.PrivateKeyFile]::new(`$rootKey))
    `$client.Connect()
    try { `$client.RunCommand('echo other-ok').Result.Trim() } finally { `$client.Dispose() }
}
function Use-SshTriage {
    @(Get-SshListener -ComputerName `$server -SshPort `$port -Transport SshNet -UserName root -KeyFilePath `$rootKey -SshOption @{ UserKnownHostsFile = `$knownHosts; GlobalKnownHostsFile = '/dev/null' }).Count
}
`$steps = [ordered]@{}
if (`$$OtherFirst) { Add-Type -Path `$other; `$steps.OtherBefore = Use-Other }
Import-Module `$module
`$steps.SshTriage = Use-SshTriage
if (-not `$$OtherFirst) { Add-Type -Path `$other }
`$steps.Other = Use-Other
Remove-Module SshTriage
Import-Module `$module
`$steps.Reimported = Use-SshTriage
`$steps.Copies = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Renci.SshNet' } | ForEach-Object { '{0} in {1}' -f `$_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name } | Sort-Object)
`$steps | ConvertTo-Json -Compress
"@
        $result.SshTriage | Should -BeGreaterThan 0
        $result.Other | Should -Be 'other-ok'
        $result.Reimported | Should -Be $result.SshTriage
        $result.Copies | Should -Be @('2026.0.0.1 in Default', '2026.0.1.1 in SshTriage.SshNet')
        if ($OtherFirst) { $result.OtherBefore | Should -Be 'other-ok' }
    }

    It 'reads a server with -Transport SshNet -Credential inside Start-Job, and the views apply to what comes back' {
        $result = Invoke-InClient @'
$credential = [pscredential]::new('triage', (ConvertTo-SecureString $triagePassword -AsPlainText -Force))
$job = Start-Job -ArgumentList $module, $server, $port, $knownHosts, $credential -ScriptBlock {
    param($module, $server, $port, $knownHosts, $credential)
    Import-Module $module
    Get-SshListener -ComputerName $server -SshPort $port -Transport SshNet -Credential $credential -Sudo -SshOption @{ UserKnownHostsFile = $knownHosts; GlobalKnownHostsFile = '/dev/null' }
}
$listeners = @(Receive-Job -Job $job -Wait -AutoRemoveJob -ErrorVariable problems)
Import-Module $module
[ordered]@{
    Type = $listeners[0].PSObject.TypeNames[0]
    Ports = @($listeners.Port | Sort-Object -Unique)
    Processes = @($listeners.Process | Sort-Object -Unique)
    Errors = @($problems | ForEach-Object { $_.FullyQualifiedErrorId })
    Shown = ($listeners | Out-String)
} | ConvertTo-Json -Compress
'@
        $result.Errors | Should -BeNullOrEmpty
        $result.Type | Should -Be 'Deserialized.SshTriage.SshListener'
        $result.Ports | Should -Be @(22, 2222)
        $result.Processes | Should -Contain 'sshd-mgmt'
        $result.Shown | Should -Match 'ComputerName\s+Address\s+Port\s+Process\s+ProcessId\s+SocketActivated\s+Unit'
    }

    It 'keeps the passwords out of every stream, the collector output and sudo''s log' {
        $result = Invoke-InClient @'
$wrong = [pscredential]::new('triage', (ConvertTo-SecureString 'sst-wrong-password' -AsPlainText -Force))
$sudo = [pscredential]::new('nosudo', (ConvertTo-SecureString $nosudoPassword -AsPlainText -Force))
$options = @{ UserKnownHostsFile = $knownHosts; GlobalKnownHostsFile = '/dev/null' }
Import-Module $module
$refused = Get-SshListener -ComputerName $server -SshPort $port -Credential $wrong -SshOption $options -Verbose -ErrorAction Continue *>&1 | Out-String
$bundle = Join-Path ([IO.Path]::GetTempPath()) ('sst-' + [guid]::NewGuid().ToString('N') + '.txt')
$saved = Save-SshTriageEvidence -ComputerName $server -SshPort $port -Credential $sudo -SudoCredential $sudo -SshOption $options -Path $bundle -Verbose *>&1 | Out-String
$collected = Get-Content -Raw $bundle
Remove-Item $bundle
[ordered]@{ Refused = $refused; Saved = $saved; Collected = $collected } | ConvertTo-Json -Compress
'@
        $result.Refused | Should -Match 'SshAuthenticationFailed|refused the login'
        $result.Refused | Should -Not -Match 'sst-wrong-password'
        $result.Collected | Should -Match 'sshtriage-evidence version='
        $result.Collected | Should -Match 'sshd-mgmt'
        $result.Saved + $result.Collected | Should -Not -Match ([regex]::Escape($lab.USER_NOSUDO_PASSWORD))
        Get-Content -Raw $lab.AUTH_LOG | Should -Match 'sudo:\s+nosudo : .*COMMAND='
        Get-Content -Raw $lab.AUTH_LOG | Should -Not -Match ([regex]::Escape($lab.USER_NOSUDO_PASSWORD))
    }
}
