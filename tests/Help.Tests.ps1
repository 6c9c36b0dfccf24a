#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# The help is part of the product: every build writes it from docs/en-US (tools/MarkdownHelp.psm1).
# A missing help file fails here; it never skips.

BeforeDiscovery {
    $modulePath = if ($env:SSHTRIAGE_MODULE_PATH) { $env:SSHTRIAGE_MODULE_PATH } else { Join-Path $PSScriptRoot '../out/SshTriage' }
    $module = Import-Module $modulePath -Force -PassThru
    $commands = Get-Command -Module SshTriage | ForEach-Object { @{ Name = $_.Name } }
    $abouts = Get-ChildItem (Join-Path $PSScriptRoot '../docs/en-US') -Filter 'about_*.md' | ForEach-Object { @{ Name = $_.BaseName } }
}

BeforeAll {
    $module = Get-Module SshTriage
    Import-Module (Join-Path $PSScriptRoot '../tools/MarkdownHelp.psm1') -Force
    $docs = Join-Path $PSScriptRoot '../docs/en-US'
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'The built module' {
    It 'ships MAML help and the about topics' {
        Join-Path $module.ModuleBase 'en-US/SshTriage.dll-Help.xml' | Should -Exist
        Join-Path $module.ModuleBase 'en-US/about_SshTriage.help.txt' | Should -Exist
    }

    It 'documents exactly the exported cmdlets' {
        $documented = (Get-ChildItem $docs -Filter '*-*.md').BaseName | Sort-Object
        $documented | Should -Be ((Get-Command -Module SshTriage).Name | Sort-Object)
    }
}

Describe 'Help of <Name>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
        $markdown = ConvertFrom-CommandHelpMarkdown -Path (Join-Path $docs "$Name.md")
        $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $common }
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape("$Name ["))
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        foreach ($parameter in $parameters) {
            $described = $help.Parameters.Parameter | Where-Object Name -EQ $parameter.Name
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }

    It 'shows the synopsis and example titles of its markdown' {
        $help.Synopsis | Should -Be $markdown.Synopsis
        @($help.Examples.Example.Title | ForEach-Object { $_.Trim(' ', '-') }) | Should -Be @($markdown.Examples.Title)
    }

    It 'documents the parameters the cmdlet has, no more' {
        @($markdown.Parameters.Name | Where-Object { $_ -notin $common } | Sort-Object) | Should -Be @($parameters.Name | Sort-Object)
    }

    It 'documents each parameter with its type, aliases and parameter sets' {
        foreach ($parameter in $parameters) {
            $documented = $markdown.Parameters | Where-Object Name -EQ $parameter.Name
            $documented.Type | Should -Be $parameter.ParameterType.ToString() -Because "-$($parameter.Name)'s type"
            @($documented.Aliases | Sort-Object) | Should -Be @($parameter.Aliases | Sort-Object) -Because "-$($parameter.Name)'s aliases"
            foreach ($set in $parameter.ParameterSets.GetEnumerator()) {
                $setName = if ($set.Key -eq '__AllParameterSets') { '(All)' } else { $set.Key }
                $entry = $documented.ParameterSets | Where-Object { $_.Name -eq $setName }
                $entry | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) is in the parameter set $setName"
                $entry['IsRequired'] | Should -Be ([string]$set.Value.IsMandatory).ToLowerInvariant() -Because "-$($parameter.Name) in $setName"
                $position = if ($set.Value.Position -ge 0) { [string]$set.Value.Position } else { 'Named' }
                $entry['Position'] | Should -Be $position -Because "-$($parameter.Name)'s position in $setName"
                $entry['ValueFromPipeline'] | Should -Be ([string]$set.Value.ValueFromPipeline).ToLowerInvariant() -Because "-$($parameter.Name) from the pipeline in $setName"
                $entry['ValueFromPipelineByPropertyName'] | Should -Be ([string]$set.Value.ValueFromPipelineByPropertyName).ToLowerInvariant() -Because "-$($parameter.Name) by property name in $setName"
            }
        }
    }

    It 'names the parameter sets the cmdlet has' {
        $sets = @($command.ParameterSets.Name | Sort-Object)
        $documentedSets = @($markdown.Syntax.Name | Sort-Object)
        $documentedSets | Should -Be $sets
    }
}

Describe 'About topic <Name>' -ForEach $abouts {
    It 'is shown by Get-Help' {
        (Get-Help $Name | Out-String) | Should -Match 'Short description'
    }
}
