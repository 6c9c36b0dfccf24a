#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    $modulePath = if ($env:SSHTRIAGE_MODULE_PATH) { $env:SSHTRIAGE_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/SshTriage' }
    Import-Module $modulePath -Force
    # Whole collector outputs captured in the lab (tests/lab/capture-bundles.sh).
    $bundles = Join-Path $PSScriptRoot 'SshTriage.Core.Tests/Fixtures/bundles'
}

Describe 'Get-SshListener -EvidencePath' {
    It 'reads listeners from a saved bundle' {
        $listeners = Get-SshListener -EvidencePath (Join-Path $bundles 'open-root.txt')
        $listeners | Should -Not -BeNullOrEmpty
        $listeners[0] | Should -BeOfType 'SshTriage.SshListener'
        ($listeners | Where-Object { $_.Port -eq 22 -and $_.Address -eq '0.0.0.0' }).Process | Should -Be 'sshd'
        $listeners.ComputerName | Sort-Object -Unique | Should -Be 'sst-server'
    }

    It 'takes files from Get-ChildItem by property name' {
        $listeners = Get-ChildItem $bundles -Filter 'moved-port-*.txt' | Get-SshListener
        $listeners.Port | Should -Contain 2200
    }

    It 'filters by -Port' {
        (Get-SshListener -EvidencePath (Join-Path $bundles 'open-root.txt') -Port 2222).Port | Sort-Object -Unique | Should -Be 2222
    }

    It 'says what needed root in a bundle collected without it' {
        $null = Get-SshListener -EvidencePath (Join-Path $bundles 'open-nonroot.txt') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.FullyQualifiedErrorId | Should -BeLike 'RemoteAccessDenied*'
        $problems[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'names a damaged bundle' {
        $damaged = Join-Path $TestDrive 'damaged.txt'
        $text = Get-Content -Raw (Join-Path $bundles 'open-root.txt')
        Set-Content -Path $damaged -Value $text.Substring(0, 400) -NoNewline
        $null = Get-SshListener -EvidencePath $damaged -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.FullyQualifiedErrorId | Should -BeLike 'EvidenceUnreadable*'
        $problems[0].Exception.Message | Should -Match 'truncated'
    }
}

Describe 'Get-SshdConfig -EvidencePath' {
    It 'reports an invalid configuration with sshd''s message' {
        $config = Get-SshdConfig -EvidencePath (Join-Path $bundles 'invalid-config-root.txt')
        $config.IsValid | Should -BeFalse
        $config.ValidationMessage | Should -Match 'Bad configuration option'
    }

    It 'has a case-insensitive Settings dictionary' {
        $config = Get-SshdConfig -EvidencePath (Join-Path $bundles 'open-root.txt')
        $config.Settings['MaxAuthTries'] | Should -Be $config.Settings['maxauthtries']
        $config.Port | Should -Be 22
    }
}

Describe 'Get-SshLogEvent' {
    It 'filters saved evidence by address and user' {
        $events = Get-SshLogEvent -EvidencePath (Join-Path $bundles 'failed-logins-root.txt') -IPAddress 198.51.100.10 -User root
        $events.Kind | Should -Contain 'Failed'
        $events.User | Sort-Object -Unique | Should -Be 'root'
    }

    It 'parses a plain log file with -Path' {
        $log = Join-Path $TestDrive 'auth.log'
        Get-Content (Join-Path $PSScriptRoot 'SshTriage.Core.Tests/Fixtures/auth-log/sshd92-allowusers.txt') | Where-Object { $_ -notlike '# *' } | Set-Content $log
        $refusal = Get-SshLogEvent -Path $log | Where-Object Kind -eq NotAllowed | Select-Object -First 1
        $refusal.User | Should -Be 'bob'
        $refusal.ComputerName | Should -Be 'sst-server'
    }

    It 'refuses a malformed -IPAddress before anything runs' {
        { Get-SshLogEvent -Local -IPAddress '198.51.100.300' -ErrorAction Stop } | Should -Throw -ErrorId '*,SshTriage.Commands.GetSshLogEventCommand'
    }
}

Describe 'Remote targets' {
    It 'rejects an injection attempt in <Parameter> without contacting anything' -TestCases @(
        @{ Parameter = 'ComputerName'; Splat = @{ ComputerName = 'web01;reboot' } }
        @{ Parameter = 'UserName'; Splat = @{ ComputerName = 'web01'; UserName = '$(reboot)' } }
        @{ Parameter = 'JumpHost'; Splat = @{ ComputerName = 'web01'; JumpHost = 'x -oProxyCommand=reboot' } }
        @{ Parameter = 'SshOption'; Splat = @{ ComputerName = 'web01'; SshOption = @{ ProxyCommand = 'reboot' } } }
    ) {
        $null = Get-SshListener @Splat -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRemoteTarget*'
    }

    It 'rejects a malformed -MatchUser by validation' {
        { Get-SshdConfig -Local -MatchUser 'alice;reboot' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SshTriage.Commands.GetSshdConfigCommand'
    }
}

Describe 'Fail2Ban from saved evidence' {
    It 'shows the banned VPN gateway and that the firewall enforces the ban' {
        $ban = Get-Fail2BanBan -EvidencePath (Join-Path $bundles 'f2b-gateway-banned-root.txt') -IPAddress 203.0.113.0/24
        $ban.IPAddress.ToString() | Should -Be '203.0.113.1'
        $ban.Jail | Should -Be 'sshd'
        $ban.Enforcement | Should -Be 'Enforced'
        $ban.ExpiresAt | Should -BeGreaterThan $ban.BannedAt
    }

    It 'checks nftables sets' {
        (Get-Fail2BanBan -EvidencePath (Join-Path $bundles 'f2b-nftables-root.txt')).EnforcedBy | Should -Be 'nft set addr-set-sshd'
    }

    It 'lists jails with their limits and filters by wildcard' {
        $jail = Get-Fail2BanJail -EvidencePath (Join-Path $bundles 'f2b-gateway-banned-root.txt') -Name 'ss*'
        $jail.Name | Should -Be 'sshd'
        $jail.BannedIp | Should -Contain '203.0.113.1'
        $jail.MaxRetry | Should -BeGreaterThan 0
    }

    It 'names a jail the server does not have' {
        $null = Get-Fail2BanJail -EvidencePath (Join-Path $bundles 'f2b-gateway-banned-root.txt') -Name nosuchjail -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Fail2BanJailNotFound*'
        $problems[0].Exception.Message | Should -Match 'sshd'
    }

    It 'says Fail2Ban is not running on a server where it is installed but stopped' {
        $null = Get-Fail2BanJail -EvidencePath (Join-Path $bundles 'open-root.txt') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Fail2BanNotRunning*'
        $problems[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
    }
}

Describe 'Unblock-Fail2BanIp' {
    It 'rejects a malformed address before connecting' {
        $thrown = { Unblock-Fail2BanIp -ComputerName web01 -IPAddress '203.0.113.300' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
    }

    It 'supports -WhatIf and -Confirm' {
        $command = Get-Command Unblock-Fail2BanIp
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
    }
}

Describe 'Firewalls from saved evidence' {
    It 'predicts that the banned gateway is refused and its clients are not' {
        $bundle = Join-Path $bundles 'f2b-gateway-banned-root.txt'
        $gateway = Test-FirewallAccess -EvidencePath $bundle -SourceAddress 203.0.113.1 -Port 22
        $gateway.Verdict | Should -Be 'Reject'
        $gateway.ExpectedSymptom | Should -Be 'Refused'
        $gateway.DecidingRule.Chain | Should -Be 'f2b-sshd'
        (Test-FirewallAccess -EvidencePath $bundle -SourceAddress 203.0.113.77).Verdict | Should -Be 'Accept'
    }

    It 'lists the rule Fail2Ban added' {
        $rules = Get-FirewallRule -EvidencePath (Join-Path $bundles 'f2b-gateway-banned-root.txt') -Chain 'f2b-*' -Action Reject
        $rules.Source | Should -Contain '203.0.113.1/32'
        $rules[0].Owner | Should -Be 'fail2ban:sshd'
    }
}

Describe 'Export-SshTriageCollector' {
    It 'writes a POSIX sh script to the pipeline' {
        $script = Export-SshTriageCollector
        $script | Should -Match '^#!/bin/sh'
        $script | Should -Match 'sshtriage-evidence version='
    }

    It 'writes a file, refuses to overwrite it without -Force, and supports -WhatIf' {
        $path = Join-Path $TestDrive 'collector.sh'
        (Export-SshTriageCollector -Path $path -Compress).Name | Should -Be 'collector.sh'
        (Get-Content -Raw $path) | Should -Match 'gzip -c'
        { Export-SshTriageCollector -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'CollectorFileExists,*'
        Export-SshTriageCollector -Path (Join-Path $TestDrive 'other.sh') -WhatIf
        Test-Path (Join-Path $TestDrive 'other.sh') | Should -BeFalse
    }
}

Describe 'Address parameters' {
    BeforeDiscovery {
        $single = @(
            @{ Command = 'Find-SshRejectCause'; Parameter = 'ClientAddress' }
            @{ Command = 'Get-SshLogEvent'; Parameter = 'IPAddress' }
            @{ Command = 'Get-SshdConfig'; Parameter = 'MatchAddress' }
            @{ Command = 'Test-FirewallAccess'; Parameter = 'SourceAddress' }
        )
        $prefix = @(
            @{ Command = 'Get-Fail2BanBan'; Parameter = 'IPAddress' }
            @{ Command = 'Get-FirewallRule'; Parameter = 'SourceAddress' }
            @{ Command = 'Unblock-Fail2BanIp'; Parameter = 'IPAddress' }
        )
        $bad = '203.0.113.300', 'web01', '198.51.100.7; reboot', '-oProxyCommand=sh', '10', '198.51.100.7 203.0.113.1'
        $cases = foreach ($case in $single + $prefix) { foreach ($value in $bad) { $case + @{ Value = $value; Prefix = $case -in $prefix } } }
    }

    It '<Command> -<Parameter> refuses ''<Value>'' at binding, saying what form it expects' -TestCases $cases {
        $arguments = @{ $Parameter = $Value; ErrorAction = 'Stop' }
        $thrown = { & $Command @arguments -ComputerName web01 } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
        $thrown.Exception.Message | Should -BeLike "*'$Value' is not*expected one such as 198.51.100.7*"
        if ($Prefix) { $thrown.Exception.Message | Should -BeLike '*198.51.100.0/24*' }
    }

    It '<Command> -<Parameter> takes one address as text or as an IPAddress' -TestCases ($single + $prefix) {
        $command = Get-Command $Command
        $transformation = $command.Parameters[$Parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentTransformationAttribute] }
        foreach ($value in '2001:db8::7', [ipaddress]'198.51.100.7') {
            $bound = $transformation.Transform($ExecutionContext, $value)
            "$bound" | Should -Be "$value"
            $bound.GetType() | Should -Be $command.Parameters[$Parameter].ParameterType
        }
    }

    It '<Command> -<Parameter> takes a prefix, with its host bits cleared' -TestCases $prefix {
        $transformation = (Get-Command $Command).Parameters[$Parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentTransformationAttribute] }
        $transformation.Transform($ExecutionContext, '198.51.100.7/24') | Should -Be '198.51.100.0/24'
    }

    It 'refuses one bad address from the pipeline and goes on with the next' {
        $items = [pscustomobject]@{ IPAddress = '198.51.100.7; reboot'; ComputerName = 'web01' }, [pscustomobject]@{ IPAddress = [ipaddress]'198.51.100.8'; ComputerName = 'web02' }
        $null = $items | Unblock-Fail2BanIp -SshOption @{ ProxyCommand = 'none' } -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems).Count | Should -Be 2
        @($problems)[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
        @($problems)[1].FullyQualifiedErrorId | Should -BeLike 'InvalidRemoteTarget*'
        @($problems)[1].TargetObject | Should -Be 'web02'
    }

    It '<Command> -<Parameter> refuses a prefix' -TestCases $single {
        $arguments = @{ $Parameter = '198.51.100.0/24'; ErrorAction = 'Stop' }
        { & $Command @arguments -ComputerName web01 } | Should -Throw -ExpectedMessage "*is not one IP address*"
    }
}

Describe 'Pipelines by property name' {
    It 'binds a Fail2BanBan to Unblock-Fail2BanIp (IPAddress, Jail, ComputerName)' {
        $ban = Get-Fail2BanBan -EvidencePath (Join-Path $bundles 'f2b-gateway-banned-root.txt')
        # An ssh option that is refused stops the call before any connection: what is left is the binding.
        $null = $ban | Unblock-Fail2BanIp -SshOption @{ ProxyCommand = 'none' } -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRemoteTarget*'
        $problems[0].TargetObject | Should -Be 'sst-server'
    }

    It 'binds a Fail2Ban cause to Unblock-Fail2BanIp, as found and after Export-Clixml and Import-Clixml' {
        $cause = Find-SshRejectCause -EvidencePath (Join-Path $bundles 'f2b-nftables-root.txt') -ClientAddress 198.51.100.10 | Select-Object -First 1
        $cause.IPAddress | Should -BeOfType System.Net.IPAddress
        $file = Join-Path $TestDrive 'cause.xml'
        $cause | Export-Clixml -Path $file
        foreach ($item in $cause, (Import-Clixml -Path $file)) {
            # An ssh option that is refused stops the call before any connection: what is left is the binding.
            $null = $item | Unblock-Fail2BanIp -SshOption @{ ProxyCommand = 'none' } -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRemoteTarget*'
            $problems[0].TargetObject | Should -Be $cause.ComputerName
        }
    }

    It 'binds Test-SshPort results to the server cmdlets by ComputerName' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $null = Test-SshPort 127.0.0.1 -Port $port -TimeoutSec 2 | Get-SshListener -SshOption @{ LocalCommand = 'none' } -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRemoteTarget*'
        $problems[0].TargetObject | Should -Be '127.0.0.1'
    }
}

Describe 'Find-SshRejectCause from saved evidence' {
    It 'finds the client''s own ban, confirmed, ready for Unblock-Fail2BanIp' {
        $cause = Find-SshRejectCause -EvidencePath (Join-Path $bundles 'f2b-nftables-root.txt') -ClientAddress 198.51.100.10 | Select-Object -First 1
        $cause | Should -BeOfType 'SshTriage.SshRejectCause'
        $cause.Cause | Should -Be 'Fail2BanBan'
        $cause.Confidence | Should -Be 'Confirmed'
        $cause.IPAddress | Should -Be '198.51.100.10'
        $cause.Jail | Should -Be 'sshd'
        ($cause | Out-String) | Should -Match 'RemedyCommand\s*:\s*Unblock-Fail2BanIp'
    }

    It 'says so when nothing explains the symptom, and that no probe ran' {
        $cause = Find-SshRejectCause -EvidencePath (Join-Path $bundles 'open-root.txt') -ClientAddress 198.51.100.10
        $cause.Cause | Should -Be 'NoCauseFound'
        $cause.Summary | Should -Match 'No probe ran'
    }

    It 'lists what it ruled out with -IncludeCleared' {
        $causes = Find-SshRejectCause -EvidencePath (Join-Path $bundles 'open-root.txt') -ClientAddress 198.51.100.10 -IncludeCleared
        $causes[0].Cause | Should -Be 'NoCauseFound'
        $cleared = $causes | Where-Object Confidence -eq 'Cleared'
        $cleared.Cause | Should -Contain 'SshdConfigInvalid'
        $cleared | ForEach-Object { $_.Summary | Should -Match '^Ruled out: ' }
    }

    It 'refuses a -FromHost it cannot use, before anything is probed' {
        $problems = @()
        try {
            Find-SshRejectCause -ComputerName 198.51.100.20 -FromHost '-oProxyCommand=touch x' -ErrorAction SilentlyContinue -ErrorVariable problems
        }
        catch {
            $stopped = $_
        }
        $stopped.FullyQualifiedErrorId | Should -Be 'InvalidFromHost,SshTriage.Commands.FindSshRejectCauseCommand'
        $problems.FullyQualifiedErrorId | Should -Contain 'InvalidRemoteTarget,SshTriage.Commands.FindSshRejectCauseCommand'
    }
}
