#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    $modulePath = if ($env:SSHTRIAGE_MODULE_PATH) { $env:SSHTRIAGE_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/SshTriage' }
    Import-Module $modulePath -Force

    function New-LoopbackListener {
        # A listener that completes handshakes but never speaks: the kernel accepts into the backlog.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }

    function Get-ClosedPort {
        $listener = New-LoopbackListener
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $port
    }
}

Describe 'Test-SshPort' {
    It 'reports Refused for a port nobody listens on' {
        $result = Test-SshPort -ComputerName 127.0.0.1 -Port (Get-ClosedPort) -TimeoutSec 2
        $result.Status | Should -Be 'Refused'
        $result.SocketError | Should -Be 'ConnectionRefused'
        $result | Should -BeOfType 'SshTriage.SshPortResult'
    }

    It 'reports TimedOut with a connect time for a peer that never speaks' {
        $listener = New-LoopbackListener
        try {
            $result = Test-SshPort 127.0.0.1 -Port $listener.LocalEndpoint.Port -TimeoutSec 1
            $result.Status | Should -Be 'TimedOut'
            $result.ConnectTime | Should -Not -BeNullOrEmpty
        } finally {
            $listener.Stop()
        }
    }

    It 'binds ComputerName and Port by property name' {
        $port = Get-ClosedPort
        $results = @(
            [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $port }
            [pscustomobject]@{ ComputerName = '::1'; Port = $port }
        ) | Test-SshPort -TimeoutSec 2
        $results.Count | Should -Be 2
        $results.Port | Sort-Object -Unique | Should -Be $port
        ($results.RemoteAddress | ForEach-Object ToString | Sort-Object) | Should -Be ('127.0.0.1', '::1' | Sort-Object)
    }

    It 'takes its own output back through the pipeline' {
        $first = Test-SshPort 127.0.0.1 -Port (Get-ClosedPort) -TimeoutSec 2
        $again = $first | Test-SshPort -TimeoutSec 2
        $again.Port | Should -Be $first.Port
        $again.Status | Should -Be 'Refused'
    }

    It 'writes an InvalidComputerName error for <Name> and goes on with the rest' -TestCases @(
        @{ Name = 'web01;reboot' }
        @{ Name = '$(Remove-Item -Recurse /)' }
        @{ Name = '300.1.2.3' }
    ) {
        $port = Get-ClosedPort
        $results = Test-SshPort -ComputerName $Name, '127.0.0.1' -Port $port -TimeoutSec 2 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidComputerName,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].TargetObject | Should -Be $Name
        @($results).Count | Should -Be 1
    }

    It 'refuses an out-of-range port before probing' {
        { Test-SshPort 127.0.0.1 -Port 70000 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SshTriage.Commands.TestSshPortCommand'
    }

    It 'shows the table view by default' {
        $text = Test-SshPort 127.0.0.1 -Port (Get-ClosedPort) -TimeoutSec 2 | Out-String
        $text | Should -Match 'ComputerName\s+RemoteAddress\s+Port\s+Status\s+ConnectMs\s+SoftwareVersion'
    }
}

Describe 'Module' {
    It 'exports exactly the cmdlets of the manifest' {
        $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../SshTriage.psd1')
        (Get-Command -Module SshTriage).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'has a manifest that Test-ModuleManifest accepts' {
        $path = Join-Path (Get-Module SshTriage).ModuleBase 'SshTriage.psd1'
        { Test-ModuleManifest -Path $path -ErrorAction Stop } | Should -Not -Throw
    }
}
