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
