#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# build.ps1's own pieces: starting a child PowerShell, the build-time modules and the help writer.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../tools/BuildSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../tools/MarkdownHelp.psm1') -Force
}

Describe 'Get-PowerShellCommand' {
    It 'starts a child of the same PowerShell as this one' {
        $engine = Get-PowerShellCommand
        $reply = & $engine.FilePath @($engine.ArgumentList) -NoProfile -NonInteractive -Command '"$($PSVersionTable.PSEdition) $($PSVersionTable.PSVersion)"'
        $LASTEXITCODE | Should -Be 0
        $reply | Should -Be "$($PSVersionTable.PSEdition) $($PSVersionTable.PSVersion)"
    }

    It 'runs pwsh.dll from PSHOME under the dotnet host (the PowerShell dotnet tool)' {
        $toolHome = Join-Path $TestDrive 'tool'
        $null = New-Item -ItemType Directory -Path $toolHome
        $null = New-Item -ItemType File -Path (Join-Path $toolHome 'pwsh.dll')
        $engine = Get-PowerShellCommand -ProcessPath (Join-Path $TestDrive 'dotnet') -PowerShellHome $toolHome
        $engine.FilePath | Should -Be (Join-Path $TestDrive 'dotnet')
        $engine.ArgumentList | Should -Be @(Join-Path $toolHome 'pwsh.dll')
    }

    It 'says so when the dotnet host has no pwsh.dll beside PowerShell' {
        { Get-PowerShellCommand -ProcessPath 'dotnet.exe' -PowerShellHome $TestDrive } | Should -Throw '*pwsh.dll is missing*'
    }

    It 'runs an installed <Name> from its own executable' -ForEach @(
        @{ Name = 'pwsh'; Path = '/opt/microsoft/powershell/7/pwsh' }
        @{ Name = 'Windows PowerShell 5.1'; Path = 'C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe' }
    ) {
        $engine = Get-PowerShellCommand -ProcessPath $Path -PowerShellHome $TestDrive
        $engine.FilePath | Should -Be $Path
        $engine.ArgumentList | Should -BeNullOrEmpty
    }
}

Describe 'Get-BuildModulePath' {
    It 'finds Pester restored from NuGet at the pinned version' {
        $path = Get-BuildModulePath -Name 'Pester'
        $path | Should -Exist
        $pinned = ([xml](Get-Content -Raw (Join-Path $PSScriptRoot '../tools/BuildModules/BuildModules.csproj'))).Project.ItemGroup.PackageDownload.Version.Trim('[', ']')
        (Import-PowerShellDataFile $path).ModuleVersion | Should -Be $pinned
        (Get-Module Pester).Version | Should -Be $pinned
    }

    It 'refuses a module that is not pinned' {
        { Get-BuildModulePath -Name 'NotPinned' } | Should -Throw '*not pinned*'
    }
}

Describe 'The help writer' {
    BeforeAll {
        $markdown = @'
---
document type: cmdlet
title: Get-Thing
---

# Get-Thing

## SYNOPSIS

Gets a thing.

## SYNTAX

### Name (Default)

```
Get-Thing [-Name] <string> [<CommonParameters>]
```

## DESCRIPTION

First paragraph
on two lines.

- one item
- another

## EXAMPLES

### Example 1: Get one

```powershell
Get-Thing a
```

It gets a.

### Example 2: Get two

```powershell
'a', 'b' | Get-Thing
```

```
Name
----
a
```

Both.

## PARAMETERS

### -Name

The name, `quoted` & <escaped>.

```yaml
Type: System.String
DefaultValue: ''
SupportsWildcards: false
Aliases:
- N
ParameterSets:
- Name: Name
  Position: 0
  IsRequired: true
  ValueFromPipeline: true
  ValueFromPipelineByPropertyName: false
  ValueFromRemainingArguments: false
DontShow: false
AcceptedValues: []
HelpMessage: ''
```

### CommonParameters

This cmdlet supports the common parameters.

## INPUTS

### System.String

Names.

## OUTPUTS

### Thing

A thing.

## NOTES

A note.

## RELATED LINKS

- [Get-Other](Get-Other.md)
'@
        $folder = Join-Path $TestDrive 'docs'
        $null = New-Item -ItemType Directory -Path $folder
        Set-Content -LiteralPath (Join-Path $folder 'Get-Thing.md') -Value $markdown
        Set-Content -LiteralPath (Join-Path $folder 'about_Thing.md') -Value "---`ntitle: about_Thing`n---`n`n# about_Thing`n`n## Short description`n"
        $null = Export-ModuleHelp -MarkdownFolder $folder -OutputFolder (Join-Path $TestDrive 'out') -HelpFileName 'Thing.dll-Help.xml'
        [xml] $maml = Get-Content -Raw (Join-Path $TestDrive 'out/Thing.dll-Help.xml')
        $ns = [System.Xml.XmlNamespaceManager]::new($maml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        $command = $maml.SelectSingleNode('//command:command', $ns)
    }

    It 'writes the synopsis, and the description a paragraph or list item at a time' {
        $command.SelectSingleNode('command:details/maml:description/maml:para', $ns).InnerText | Should -Be 'Gets a thing.'
        @($command.SelectNodes('maml:description/maml:para', $ns).InnerText) | Should -Be @('First paragraph on two lines.', '- one item', '- another')
    }

    It 'writes each parameter with its set, position, pipeline input and aliases, escaped' {
        $parameter = $command.SelectSingleNode('command:syntax/command:syntaxItem/command:parameter', $ns)
        $parameter.SelectSingleNode('maml:name', $ns).InnerText | Should -Be 'Name'
        $parameter.required | Should -Be 'true'
        $parameter.position | Should -Be '1'
        $parameter.pipelineInput | Should -Be 'True (ByValue)'
        $parameter.aliases | Should -Be 'N'
        $command.SelectSingleNode('command:parameters/command:parameter/maml:description/maml:para', $ns).InnerText | Should -Be 'The name, `quoted` & <escaped>.'
        @($command.SelectNodes('command:parameters/command:parameter', $ns)).Count | Should -Be 1
    }

    It 'writes examples: title, the first code block as code, the rest as remarks' {
        $examples = @($command.SelectNodes('command:examples/command:example', $ns))
        $examples.Count | Should -Be 2
        $examples[1].SelectSingleNode('dev:code', $ns).InnerText | Should -Be "'a', 'b' | Get-Thing"
        @($examples[1].SelectNodes('dev:remarks/maml:para', $ns).InnerText) | Should -Be @("Name`n----`na", 'Both.')
        $examples[0].SelectSingleNode('maml:title', $ns).InnerText.Trim(' ', '-') | Should -Be 'Example 1: Get one'
    }

    It 'writes inputs, outputs, notes and links' {
        $command.SelectSingleNode('command:inputTypes/command:inputType/dev:type/maml:name', $ns).InnerText | Should -Be 'System.String'
        $command.SelectSingleNode('command:returnValues/command:returnValue/dev:type/maml:name', $ns).InnerText | Should -Be 'Thing'
        $command.SelectSingleNode('maml:alertSet/maml:alert/maml:para', $ns).InnerText | Should -Be 'A note.'
        $command.SelectSingleNode('command:relatedLinks/maml:navigationLink/maml:linkText', $ns).InnerText | Should -Be 'Get-Other'
    }

    It 'writes about topics without their front matter' {
        $about = Get-Content -Raw (Join-Path $TestDrive 'out/about_Thing.help.txt')
        $about | Should -Not -Match 'title:'
        $about | Should -Match '# about_Thing'
    }

    It 'refuses markdown without a required section' {
        Set-Content -LiteralPath (Join-Path $TestDrive 'Get-Broken.md') -Value "# Get-Broken`n`n## SYNOPSIS`n`nBroken.`n"
        { ConvertFrom-CommandHelpMarkdown -Path (Join-Path $TestDrive 'Get-Broken.md') } | Should -Throw '*SYNTAX*'
    }
}
