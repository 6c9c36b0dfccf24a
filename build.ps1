#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, documents and packages the SshTriage module.

.DESCRIPTION
    A thin task runner. Every task works from the repository root and writes only under ./out.
      Build    compiles the assemblies and lays out out/SshTriage/<version>/ (the default).
      Test     builds, runs the xunit tests (dotnet test), then the Pester tests against the
               built module in a child PowerShell process, where Pester 5 is available.
      Docs     builds MAML help from docs/en-US into out/SshTriage/<version>/en-US/ (needs PlatyPS 1.x).
      Package  builds, documents and writes a PowerShell Gallery package (.nupkg) to out/.
      Lab      builds, brings up one lab scenario in network namespaces (root only), runs
               Test-SshPort from the lab's client against it, prints the result and tears the lab down.

.EXAMPLE
    ./build.ps1

.EXAMPLE
    ./build.ps1 -Task Test

.EXAMPLE
    sudo pwsh ./build.ps1 -Task Lab -Scenario hosts-deny
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Lab')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # The lab scenario for -Task Lab; see tests/lab/scenarios.
    [string] $Scenario = 'open'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# Build-time modules, pinned here and nowhere else. An installed module of the same major
# version is used as is; otherwise the pinned version is installed for the current user.
$BuildModules = [ordered]@{
    'Pester'                       = '5.7.1'
    'Microsoft.PowerShell.PlatyPS' = '1.0.1'
}

$Root = $PSScriptRoot
$Manifest = Import-PowerShellDataFile -Path (Join-Path $Root 'SshTriage.psd1')
$Version = $Manifest.ModuleVersion
$OutRoot = Join-Path $Root 'out'
$ModuleOut = Join-Path $OutRoot "SshTriage/$Version"

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$(Split-Path -Leaf $FilePath) $($ArgumentList | Select-Object -First 1) failed with exit code $LASTEXITCODE."
    }
}

function Get-BuildModule {
    # Returns the module, or $null after saying plainly why it is unavailable.
    param([Parameter(Mandatory)] [string] $Name, [switch] $NoInstall)
    $pinned = [version] $BuildModules[$Name]
    $found = Get-Module -ListAvailable -Name $Name |
        Where-Object { $_.Version.Major -eq $pinned.Major } |
        Sort-Object Version -Descending |
        Select-Object -First 1
    if (-not $found -and $NoInstall) {
        Write-Host "$Name $($pinned.Major).x is not installed: skipping the part that needs it (./build.ps1 -Task Docs installs it)."
        return $null
    }
    if (-not $found) {
        try {
            Install-Module -Name $Name -RequiredVersion $pinned -Scope CurrentUser -Force -AllowClobber -ErrorAction Stop
            $found = Get-Module -ListAvailable -Name $Name | Where-Object Version -EQ $pinned | Select-Object -First 1
        } catch {
            Write-Warning "$Name $pinned is not installed and could not be installed ($($_.Exception.Message)); skipping the part that needs it."
            return $null
        }
    }
    $found
}

function Invoke-BuildTask {
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/SshTriage/SshTriage.csproj'), '-c', $Configuration, "-p:Version=$Version", '--nologo', '-v', 'quiet')
    $bin = Join-Path $Root "src/SshTriage/bin/$Configuration/netstandard2.0"
    if (Test-Path $ModuleOut) {
        Remove-Item -Recurse -Force $ModuleOut
    }
    $null = New-Item -ItemType Directory -Force -Path $ModuleOut
    foreach ($file in 'SshTriage.dll', 'SshTriage.pdb', 'SshTriage.Core.dll', 'SshTriage.Core.pdb') {
        Copy-Item -Path (Join-Path $bin $file) -Destination $ModuleOut
    }
    Copy-Item -Path (Join-Path $Root 'SshTriage.psd1') -Destination $ModuleOut
    Copy-Item -Path (Join-Path $Root 'src/SshTriage/SshTriage.Format.ps1xml') -Destination $ModuleOut
    Write-Host "Built SshTriage $Version in $ModuleOut"
    Write-HelpFile -NoInstall
}

function Invoke-TestTask {
    Invoke-BuildTask
    Invoke-Native dotnet @('test', (Join-Path $Root 'SshTriage.sln'), '-c', $Configuration, '--nologo')

    $pester = Get-BuildModule -Name 'Pester'
    if (-not $pester) {
        return
    }
    # A child process, so the built assemblies are not locked in this session.
    $engine = (Get-Process -Id $PID).Path
    $run = @"
`$env:SSHTRIAGE_MODULE_PATH = '$(Join-Path $ModuleOut 'SshTriage.psd1')'
Import-Module '$($pester.Path)'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $Root 'tests')'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
Invoke-Pester -Configuration `$config
"@
    Invoke-Native $engine @('-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-Command', $run)
}

function Invoke-DocsTask {
    if (-not (Test-Path (Join-Path $ModuleOut 'SshTriage.dll'))) {
        Invoke-BuildTask
    }
    Write-HelpFile
}

function Write-HelpFile {
    # MAML help from docs/en-US into the built module.
    param([switch] $NoInstall)
    $platyPS = Get-BuildModule -Name 'Microsoft.PowerShell.PlatyPS' -NoInstall:$NoInstall
    if (-not $platyPS) {
        return
    }
    Import-Module $platyPS.Path
    $docs = Join-Path $Root 'docs/en-US'
    $helpOut = Join-Path $ModuleOut 'en-US'
    $staging = Join-Path $OutRoot 'maml'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $staging
    $commandHelp = Get-ChildItem -Path $docs -Filter '*-*.md' | ForEach-Object { Import-MarkdownCommandHelp -Path $_.FullName }
    $null = $commandHelp | Export-MamlCommandHelp -OutputFolder $staging -Force
    $null = New-Item -ItemType Directory -Force -Path $helpOut
    Get-ChildItem -Path $staging -Recurse -Filter '*.xml' | Copy-Item -Destination $helpOut
    foreach ($about in Get-ChildItem -Path $docs -Filter 'about_*.md') {
        # Get-Help shows about topics as plain text: the PlatyPS front matter is for tools, not readers.
        $text = (Get-Content -Raw -Path $about.FullName) -replace '(?s)\A---.*?\n---\s*\n', ''
        Set-Content -Path (Join-Path $helpOut ($about.BaseName + '.help.txt')) -Value $text -NoNewline
    }
    Write-Host "Help written to $helpOut"
}

function Invoke-PackageTask {
    Invoke-BuildTask
    Invoke-DocsTask
    $feed = Join-Path $OutRoot 'packages'
    $null = New-Item -ItemType Directory -Force -Path $feed
    if (Get-Command -Name Publish-PSResource -ErrorAction SilentlyContinue) {
        $name = 'SshTriageBuildFeed'
        Register-PSResourceRepository -Name $name -Uri $feed -Trusted -Force
        try {
            Publish-PSResource -Path $ModuleOut -Repository $name -SkipDependenciesCheck
        } finally {
            Unregister-PSResourceRepository -Name $name
        }
    } else {
        Write-Host 'PSResourceGet is not available: packing the module into a .nupkg directly.'
        Write-ModulePackage -Destination (Join-Path $feed "SshTriage.$Version.nupkg")
    }
    Get-ChildItem -Path $feed -Filter '*.nupkg'
}

function Write-ModulePackage {
    # The layout PowerShell Gallery reads: the module's files at the root, a nuspec built from
    # the manifest, and the OPC parts every NuGet package carries.
    param([Parameter(Mandatory)] [string] $Destination)
    $data = $Manifest.PrivateData.PSData
    $escape = { param($text) [Security.SecurityElement]::Escape([string] $text) }
    $tags = (@($data.Tags) + 'PSModule' + ($Manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_" }) + ($Manifest.CmdletsToExport | ForEach-Object { "PSCommand_$_" })) -join ' '
    $nuspec = @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>SshTriage</id>
    <version>$Version</version>
    <authors>$(& $escape $Manifest.Author)</authors>
    <owners>$(& $escape $Manifest.CompanyName)</owners>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
    <license type="expression">MIT</license>
    <projectUrl>$(& $escape $data.ProjectUri)</projectUrl>
    <description>$(& $escape $Manifest.Description)</description>
    <releaseNotes>$(& $escape $data.ReleaseNotes)</releaseNotes>
    <copyright>$(& $escape $Manifest.Copyright)</copyright>
    <tags>$(& $escape $tags)</tags>
  </metadata>
</package>
"@
    $contentTypes = '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" /><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="dll" ContentType="application/octet" /><Default Extension="pdb" ContentType="application/octet" /><Default Extension="psd1" ContentType="application/octet" /><Default Extension="ps1xml" ContentType="application/octet" /><Default Extension="xml" ContentType="application/octet" /><Default Extension="txt" ContentType="application/octet" /><Default Extension="md" ContentType="application/octet" /></Types>'
    $rels = '<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/SshTriage.nuspec" Id="R1" /></Relationships>'
    # Loaded already in PowerShell 7; Windows PowerShell 5.1 loads it on request.
    $null = [Reflection.Assembly]::LoadWithPartialName('System.IO.Compression.FileSystem')
    Remove-Item -Force -ErrorAction SilentlyContinue $Destination
    $zip = [IO.Compression.ZipFile]::Open($Destination, [IO.Compression.ZipArchiveMode]::Create)
    try {
        $write = {
            param($name, $text)
            $writer = [IO.StreamWriter]::new($zip.CreateEntry($name).Open(), [Text.UTF8Encoding]::new($false))
            try { $writer.Write($text) } finally { $writer.Dispose() }
        }
        & $write 'SshTriage.nuspec' $nuspec
        & $write '[Content_Types].xml' $contentTypes
        & $write '_rels/.rels' $rels
        foreach ($file in Get-ChildItem -Path $ModuleOut -Recurse -File) {
            $relative = $file.FullName.Substring($ModuleOut.Length + 1).Replace('\', '/')
            $null = [IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.FullName, $relative)
        }
        foreach ($extra in 'LICENSE', 'CHANGELOG.md', 'README.md') {
            $null = [IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, (Join-Path $Root $extra), $extra)
        }
    } finally {
        $zip.Dispose()
    }
}

function Invoke-LabTask {
    if ($PSVersionTable.PSEdition -ne 'Core' -or -not $IsLinux) {
        throw 'The lab needs Linux network namespaces.'
    }
    if ((& id -u) -ne '0') {
        throw 'The lab needs root: run sudo pwsh ./build.ps1 -Task Lab.'
    }
    $scenarios = Join-Path $Root 'tests/lab/scenarios'
    $name = @($Scenario, "f2b-$Scenario", "fw-$Scenario") | Where-Object { Test-Path (Join-Path $scenarios "$_.sh") } | Select-Object -First 1
    if (-not $name) {
        throw "There is no lab scenario '$Scenario'. The scenarios: $((Get-ChildItem $scenarios -Filter *.sh).BaseName -join ', ')."
    }
    Invoke-BuildTask
    $lab = Join-Path $Root 'tests/lab/lab.sh'
    $state = Join-Path ([IO.Path]::GetTempPath()) ("sshtriage-lab-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    try {
        $settings = @{}
        & $lab up $name $state | ForEach-Object {
            if ($_ -match '^(\w+)=(.*)$') { $settings[$Matches[1]] = $Matches[2] }
        }
        if ($LASTEXITCODE -ne 0) {
            throw "The lab scenario '$name' did not come up (see the messages above)."
        }
        # From the lab's client: what the client sees, then the diagnosis over the lab's management sshd.
        $engine = (Get-Process -Id $PID).Path
        $demo = @"
Import-Module '$(Join-Path $ModuleOut 'SshTriage.psd1')'
`$server = '$($settings.SERVER_ADDR)'
Write-Host "Test-SshPort `$server, from the lab's client $($settings.CLIENT_ADDR):"
Test-SshPort -ComputerName `$server -Port $($settings.PORT) -TimeoutSec 8 | Out-Host
Write-Host "Find-SshRejectCause `$server -ClientAddress $($settings.CLIENT_ADDR), over the management sshd on port $($settings.MGMT_PORT):"
Find-SshRejectCause -ComputerName `$server -Port $($settings.PORT) -ClientAddress $($settings.CLIENT_ADDR) -UserName root -KeyFilePath '$($settings.CLIENT_KEY)' -SshPort $($settings.MGMT_PORT) -SshOption @{ UserKnownHostsFile = '$($settings.KNOWN_HOSTS)' } | Out-Host
"@
        & $lab exec $state client -- $engine -NoProfile -NonInteractive -Command $demo
    } finally {
        & $lab down $state
    }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Docs' { Invoke-DocsTask }
    'Package' { Invoke-PackageTask }
    'Lab' { Invoke-LabTask }
}
