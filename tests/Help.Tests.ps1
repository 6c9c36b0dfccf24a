#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeDiscovery {
    $modulePath = if ($env:SSHTRIAGE_MODULE_PATH) { $env:SSHTRIAGE_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/SshTriage' }
    $module = Import-Module $modulePath -Force -PassThru
    # MAML help is built by ./build.ps1 -Task Docs (PlatyPS); without it Get-Help has only syntax.
    $hasHelp = Test-Path (Join-Path $module.ModuleBase 'en-US/SshTriage.dll-Help.xml')
    $commands = Get-Command -Module SshTriage | ForEach-Object { @{ Name = $_.Name; HasHelp = $hasHelp } }
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help of <Name>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help $Name -Full
        $parameters = (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }
    }

    It 'has a synopsis and a description' -Skip:(-not $HasHelp) {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' -Skip:(-not $HasHelp) {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' -Skip:(-not $HasHelp) {
        foreach ($parameter in $parameters) {
            $described = $help.Parameters.Parameter | Where-Object Name -EQ $parameter
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }
}

Describe 'About topics' {
    It 'has <_>' -ForEach 'about_SshTriage', 'about_SshTriage_Lab' -Skip:(-not (Test-Path (Join-Path (Get-Module SshTriage).ModuleBase 'en-US/about_SshTriage.help.txt'))) {
        (Get-Help $_ | Out-String) | Should -Match 'Short description'
    }
}
