#Requires -Version 5.1
<#
    The module's help without PlatyPS. docs/en-US holds PlatyPS 1.x markdown (schema 2024-05-01), the one
    source of the help; this module reads it into objects and writes the MAML and about-topic files that
    Get-Help reads. Every build runs it, so the shipped help can never drift from the markdown, and the
    Pester tests read the same objects to check the markdown against the cmdlets themselves.
#>
Set-StrictMode -Version 3.0

function Get-MarkdownSection {
    # Splits lines into sections at headings of one level: Name, Lines. Fenced code never starts a section.
    param([string[]] $Line, [int] $Level)
    $marker = ('#' * $Level) + ' '
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($text in $Line) {
        if ($text -match '^\s*```') {
            $inFence = -not $inFence
        }
        if (-not $inFence -and $text.StartsWith($marker)) {
            $current = [pscustomobject]@{ Name = $text.Substring($marker.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $sections.Add($current)
        } elseif ($current) {
            $current.Lines.Add($text)
        }
    }
    $sections
}

function ConvertTo-HelpBlock {
    # Markdown text into blocks: Kind 'Text' (one paragraph or list item, lines joined) or 'Code' (a fence, lines kept).
    param([string[]] $Line)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $paragraph = [System.Collections.Generic.List[string]]::new()
    $code = $null
    $language = ''
    $flush = {
        if ($paragraph.Count) {
            $blocks.Add([pscustomobject]@{ Kind = 'Text'; Text = ($paragraph -join ' '); Language = '' })
            $paragraph.Clear()
        }
    }
    foreach ($text in $Line) {
        if ($null -ne $code) {
            if ($text -match '^\s*```\s*$') {
                $blocks.Add([pscustomobject]@{ Kind = 'Code'; Text = ($code -join "`n"); Language = $language })
                $code = $null
            } else {
                $code.Add($text)
            }
            continue
        }
        if ($text -match '^\s*```(\S*)') {
            & $flush
            $language = $Matches[1]
            $code = [System.Collections.Generic.List[string]]::new()
        } elseif ($text.Trim() -eq '') {
            & $flush
        } elseif ($text -match '^\s*(-|\*|\d+\.)\s+') {
            # A list item is a paragraph of its own, so Get-Help shows one item a line.
            & $flush
            $paragraph.Add($text.Trim())
        } else {
            $paragraph.Add($text.Trim())
        }
    }
    & $flush
    $blocks
}

function ConvertFrom-ParameterYaml {
    # The yaml block PlatyPS writes under each parameter. Its shape is fixed by the schema: scalar keys,
    # lists of scalars (Aliases, AcceptedValues) and one list of maps (ParameterSets).
    param([string[]] $Line)
    $result = @{ Aliases = @(); AcceptedValues = @(); ParameterSets = @() }
    $listKey = $null
    $sets = [System.Collections.Generic.List[hashtable]]::new()
    foreach ($text in $Line) {
        if ($text -match '^(\w+):\s*(.*)$') {
            $key = $Matches[1]
            $value = $Matches[2].Trim()
            $listKey = $null
            if ($value -eq '') {
                $listKey = $key
                $result[$key] = @()
            } elseif ($value -eq '[]') {
                $result[$key] = @()
            } else {
                $result[$key] = $value.Trim("'")
            }
        } elseif ($text -match '^- Name:\s*(.+)$' -and $listKey -eq 'ParameterSets') {
            $sets.Add(@{ Name = $Matches[1].Trim() })
        } elseif ($text -match '^  (\w+):\s*(.*)$' -and $listKey -eq 'ParameterSets' -and $sets.Count) {
            $sets[$sets.Count - 1][$Matches[1]] = $Matches[2].Trim()
        } elseif ($text -match '^- (.+)$' -and $listKey) {
            $result[$listKey] = @($result[$listKey]) + $Matches[1].Trim().Trim("'")
        }
    }
    $result.ParameterSets = $sets.ToArray()
    $result
}

function ConvertFrom-CommandHelpMarkdown {
    <#
    .SYNOPSIS
        Reads one cmdlet's PlatyPS 1.x markdown into an object: Name, Synopsis, Description, Syntax
        (parameter set names), Parameters, Examples, Inputs, Outputs, Notes and RelatedLinks.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)] [Alias('FullName')] [string] $Path)
    process {
        $lines = [System.IO.File]::ReadAllLines($Path)
        $top = @(Get-MarkdownSection -Line $lines -Level 1)
        if ($top.Count -ne 1) {
            throw "$Path must have exactly one '# <cmdlet>' heading."
        }
        $sections = @{}
        foreach ($section in Get-MarkdownSection -Line $top[0].Lines -Level 2) {
            $sections[$section.Name] = $section.Lines
        }
        foreach ($required in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS') {
            if (-not $sections.ContainsKey($required)) {
                throw "$Path has no '## $required' section."
            }
        }
        $textOf = { param($name) if ($sections.ContainsKey($name)) { ConvertTo-HelpBlock -Line $sections[$name] } else { @() } }

        $parameters = foreach ($section in Get-MarkdownSection -Line $sections['PARAMETERS'] -Level 3) {
            if ($section.Name -notlike '-*') {
                continue
            }
            $blocks = @(ConvertTo-HelpBlock -Line $section.Lines)
            $yaml = $blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' } | Select-Object -First 1
            if (-not $yaml) {
                throw "$Path describes $($section.Name) without its yaml block."
            }
            $metadata = ConvertFrom-ParameterYaml -Line ($yaml.Text -split "`n")
            [pscustomobject]@{
                Name          = $section.Name.Substring(1)
                Description   = @($blocks | Where-Object { $_ -ne $yaml })
                Type          = $metadata['Type']
                DefaultValue  = $metadata['DefaultValue']
                Globbing      = $metadata['SupportsWildcards'] -eq 'true'
                Aliases       = @($metadata.Aliases)
                ParameterSets = @($metadata.ParameterSets)
            }
        }

        $examples = foreach ($section in Get-MarkdownSection -Line $sections['EXAMPLES'] -Level 3) {
            $blocks = @(ConvertTo-HelpBlock -Line $section.Lines)
            $code = $blocks | Where-Object Kind -EQ 'Code' | Select-Object -First 1
            [pscustomobject]@{
                Title   = $section.Name
                Code    = if ($code) { $code.Text } else { '' }
                Remarks = @($blocks | Where-Object { $_ -ne $code })
            }
        }

        $typed = {
            param($name)
            if ($sections.ContainsKey($name)) {
                foreach ($type in Get-MarkdownSection -Line $sections[$name] -Level 3) {
                    [pscustomobject]@{ Name = $type.Name; Description = @(ConvertTo-HelpBlock -Line $type.Lines) }
                }
            }
        }

        $links = if ($sections.ContainsKey('RELATED LINKS')) {
            foreach ($text in $sections['RELATED LINKS']) {
                if ($text -match '\[([^\]]+)\]\(([^)]*)\)') {
                    $uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }
                    [pscustomobject]@{ Text = $Matches[1]; Uri = $uri }
                }
            }
        }

        $syntax = Get-MarkdownSection -Line $sections['SYNTAX'] -Level 3 | ForEach-Object {
            [pscustomobject]@{ Name = ($_.Name -replace '\s*\(Default\)$', ''); IsDefault = $_.Name -match '\(Default\)$' }
        }

        $name = $top[0].Name
        $synopsis = @(& $textOf 'SYNOPSIS' | Where-Object Kind -EQ 'Text')
        [pscustomobject]@{
            Name         = $name
            Synopsis     = ($synopsis.Text -join ' ')
            Description  = @(& $textOf 'DESCRIPTION')
            Syntax       = @($syntax)
            Parameters   = @($parameters)
            Examples     = @($examples)
            Inputs       = @(& $typed 'INPUTS')
            Outputs      = @(& $typed 'OUTPUTS')
            Notes        = @(& $textOf 'NOTES')
            RelatedLinks = @($links)
        }
    }
}

$MamlNamespace = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNamespace = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNamespace = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Write-Para {
    # Help blocks as maml:para elements; a code block is one para that keeps its line breaks.
    param([System.Xml.XmlWriter] $Writer, [object[]] $Block)
    foreach ($item in $Block) {
        $Writer.WriteElementString('para', $MamlNamespace, $item.Text)
    }
}

function Write-Description {
    param([System.Xml.XmlWriter] $Writer, [object[]] $Block)
    $Writer.WriteStartElement('description', $MamlNamespace)
    Write-Para -Writer $Writer -Block $Block
    $Writer.WriteEndElement()
}

function Get-ShortTypeName {
    # What Get-Help shows for a value: String[], Int32, DateTime (a Nullable`1[X] shows as X).
    param([string] $Type)
    if ($Type -match '^System\.Nullable`1\[(.+)\]$') {
        $Type = $Matches[1]
    }
    $suffix = ''
    if ($Type.EndsWith('[]')) {
        $suffix = '[]'
        $Type = $Type.Substring(0, $Type.Length - 2)
    }
    $Type.Substring($Type.LastIndexOf('.') + 1) + $suffix
}

function Write-MamlParameter {
    # One command:parameter. $Set is the parameter's entry for one set (syntax) or its first set (the list).
    param([System.Xml.XmlWriter] $Writer, [object] $Parameter, [hashtable] $Set)
    $isSwitch = $Parameter.Type -eq 'System.Management.Automation.SwitchParameter'
    $byValue = $Set['ValueFromPipeline'] -eq 'true'
    $byName = $Set['ValueFromPipelineByPropertyName'] -eq 'true'
    $pipeline = if ($byValue -and $byName) { 'True (ByPropertyName, ByValue)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
    $position = if ($Set['Position'] -match '^\d+$') { [string]([int]$Set['Position'] + 1) } else { 'named' }
    $Writer.WriteStartElement('parameter', $CommandNamespace)
    $Writer.WriteAttributeString('required', ([string]($Set['IsRequired'] -eq 'true')).ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', ([string]$Parameter.Type.EndsWith('[]')).ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', ([string]$Parameter.Globbing).ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $pipeline)
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('name', $MamlNamespace, $Parameter.Name)
    Write-Description -Writer $Writer -Block $Parameter.Description
    $shortType = Get-ShortTypeName -Type $Parameter.Type
    if (-not $isSwitch) {
        $Writer.WriteStartElement('parameterValue', $CommandNamespace)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', ([string]$Parameter.Type.EndsWith('[]')).ToLowerInvariant())
        $Writer.WriteString($shortType)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('type', $DevNamespace)
    $Writer.WriteElementString('name', $MamlNamespace, $Parameter.Type)
    $Writer.WriteEndElement()
    $default = if ($Parameter.DefaultValue) { $Parameter.DefaultValue } else { 'None' }
    $Writer.WriteElementString('defaultValue', $DevNamespace, $default)
    $Writer.WriteEndElement()
}

function Get-ParameterSetEntry {
    # The parameter's entry for a set: its own, or the (All) entry that stands for every set.
    param([object] $Parameter, [string] $SetName)
    $entry = $Parameter.ParameterSets | Where-Object { $_.Name -eq $SetName } | Select-Object -First 1
    if (-not $entry) {
        $entry = $Parameter.ParameterSets | Where-Object { $_.Name -eq '(All)' } | Select-Object -First 1
    }
    $entry
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $Writer, [object] $Help)
    $Writer.WriteStartElement('command', 'command', $CommandNamespace)
    $Writer.WriteAttributeString('xmlns', 'maml', $null, $MamlNamespace)
    $Writer.WriteAttributeString('xmlns', 'dev', $null, $DevNamespace)

    $verb, $noun = $Help.Name -split '-', 2
    $Writer.WriteStartElement('details', $CommandNamespace)
    $Writer.WriteElementString('name', $CommandNamespace, $Help.Name)
    $Writer.WriteElementString('verb', $CommandNamespace, $verb)
    $Writer.WriteElementString('noun', $CommandNamespace, $noun)
    Write-Description -Writer $Writer -Block @([pscustomobject]@{ Kind = 'Text'; Text = $Help.Synopsis })
    $Writer.WriteEndElement()
    Write-Description -Writer $Writer -Block $Help.Description

    # Syntax: one item per parameter set, the default first, parameters by position then as listed.
    $Writer.WriteStartElement('syntax', $CommandNamespace)
    foreach ($set in @($Help.Syntax | Sort-Object { -not $_.IsDefault })) {
        $Writer.WriteStartElement('syntaxItem', $CommandNamespace)
        $Writer.WriteElementString('name', $MamlNamespace, $Help.Name)
        $inSet = foreach ($parameter in $Help.Parameters) {
            $entry = if ($set.Name -eq '__AllParameterSets') { $parameter.ParameterSets | Select-Object -First 1 } else { Get-ParameterSetEntry -Parameter $parameter -SetName $set.Name }
            if ($entry) {
                [pscustomobject]@{ Parameter = $parameter; Entry = $entry; Order = $(if ($entry['Position'] -match '^\d+$') { [int]$entry['Position'] } else { [int]::MaxValue }) }
            }
        }
        foreach ($item in @($inSet | Sort-Object Order)) {
            Write-MamlParameter -Writer $Writer -Parameter $item.Parameter -Set $item.Entry
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('parameters', $CommandNamespace)
    foreach ($parameter in $Help.Parameters) {
        Write-MamlParameter -Writer $Writer -Parameter $parameter -Set ($parameter.ParameterSets | Select-Object -First 1)
    }
    $Writer.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $Help.Inputs), @('returnValues', 'returnValue', $Help.Outputs))) {
        $Writer.WriteStartElement($kind[0], $CommandNamespace)
        foreach ($type in $kind[2]) {
            $Writer.WriteStartElement($kind[1], $CommandNamespace)
            $Writer.WriteStartElement('type', $DevNamespace)
            $Writer.WriteElementString('name', $MamlNamespace, $type.Name)
            $Writer.WriteEndElement()
            Write-Description -Writer $Writer -Block $type.Description
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('alertSet', $MamlNamespace)
    $Writer.WriteStartElement('alert', $MamlNamespace)
    Write-Para -Writer $Writer -Block $Help.Notes
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('examples', $CommandNamespace)
    foreach ($example in $Help.Examples) {
        $Writer.WriteStartElement('example', $CommandNamespace)
        $Writer.WriteElementString('title', $MamlNamespace, "--------- $($example.Title) ---------")
        $Writer.WriteElementString('code', $DevNamespace, $example.Code)
        $Writer.WriteStartElement('remarks', $DevNamespace)
        Write-Para -Writer $Writer -Block $example.Remarks
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('relatedLinks', $CommandNamespace)
    foreach ($link in $Help.RelatedLinks) {
        $Writer.WriteStartElement('navigationLink', $MamlNamespace)
        $Writer.WriteElementString('linkText', $MamlNamespace, $link.Text)
        $Writer.WriteElementString('uri', $MamlNamespace, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

function Export-ModuleHelp {
    <#
    .SYNOPSIS
        Writes <module>.dll-Help.xml and about_*.help.txt from a folder of PlatyPS 1.x markdown.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $MarkdownFolder,
        [Parameter(Mandatory)] [string] $OutputFolder,
        [Parameter(Mandatory)] [string] $HelpFileName
    )
    $null = New-Item -ItemType Directory -Force -Path $OutputFolder
    $commands = Get-ChildItem -LiteralPath $MarkdownFolder -Filter '*-*.md' | Sort-Object Name | ConvertFrom-CommandHelpMarkdown
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $writer = [System.Xml.XmlWriter]::Create((Join-Path $OutputFolder $HelpFileName), $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in $commands) {
            Write-MamlCommand -Writer $writer -Help $command
        }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    } finally {
        $writer.Dispose()
    }
    foreach ($about in Get-ChildItem -LiteralPath $MarkdownFolder -Filter 'about_*.md') {
        # Get-Help shows about topics as plain text: the front matter is for tools, not readers.
        $text = [System.IO.File]::ReadAllText($about.FullName) -replace '(?s)\A---.*?\n---\s*\n', ''
        [System.IO.File]::WriteAllText((Join-Path $OutputFolder ($about.BaseName + '.help.txt')), $text, $settings.Encoding)
    }
    $commands
}

Export-ModuleMember -Function ConvertFrom-CommandHelpMarkdown, Export-ModuleHelp
