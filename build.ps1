#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, documents and packages the SshTriage module.

.DESCRIPTION
    A thin task runner. Every task works from the repository root and writes only under ./out.
    Run it with the pinned PowerShell (`dotnet tool restore`, then `dotnet pwsh ./build.ps1`), an
    installed pwsh or Windows PowerShell 5.1. Build-time modules come from NuGet (tools/BuildModules).
      Build    compiles the assemblies and lays out out/SshTriage/<version>/ with its help (the default).
      Test     builds, runs the xunit tests (dotnet test), then the Pester tests against the
               built module in a child PowerShell process. As root on Debian it first installs
               the lab's packages, so the lab tests run instead of skipping.
      Docs     rewrites the help in out/SshTriage/<version>/en-US/ from docs/en-US.
      Package  builds and writes a PowerShell Gallery package (.nupkg) to out/packages.
      Lab      builds, brings up one lab scenario in network namespaces (root only; the first
               seed's banned VPN gateway by default), probes it from the lab's client, runs
               Find-SshRejectCause over the lab's management sshd, prints both and tears the lab down.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test

.EXAMPLE
    sudo dotnet pwsh ./build.ps1 -Task Lab -Scenario hosts-deny
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Lab')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # The lab scenario for -Task Lab; see tests/lab/scenarios.
    [string] $Scenario = 'gateway-banned'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
Import-Module (Join-Path $Root 'tools/BuildSupport.psm1') -Force
Import-Module (Join-Path $Root 'tools/MarkdownHelp.psm1') -Force
$Manifest = Import-PowerShellDataFile -Path (Join-Path $Root 'SshTriage.psd1')
$Version = $Manifest.ModuleVersion
$OutRoot = Join-Path $Root 'out'
$ModuleOut = Join-Path $OutRoot "SshTriage/$Version"
$OnLinux = (Test-Path variable:IsLinux) -and $IsLinux

function Install-LabPackage {
    # The lab's Debian packages, where this machine can take them (Linux, root); elsewhere the lab tests skip.
    if ($OnLinux -and (& id -u) -eq '0' -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Invoke-Native bash @((Join-Path $Root 'tests/lab/install-packages.sh'))
    }
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
    # The SSH.NET transport and its dependencies: a private folder, loaded in a context of its own.
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/SshTriage.SshNet/SshTriage.SshNet.csproj'), '-c', $Configuration, "-p:Version=$Version", '--nologo', '-v', 'quiet')
    $sshNet = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleOut 'SshNet')
    Copy-Item -Path (Join-Path $Root "src/SshTriage.SshNet/bin/$Configuration/netstandard2.0/*.dll") -Destination $sshNet
    Copy-Item -Path (Join-Path $Root 'SshTriage.psd1') -Destination $ModuleOut
    Copy-Item -Path (Join-Path $Root 'src/SshTriage/SshTriage.Format.ps1xml') -Destination $ModuleOut
    Write-HelpFile
    Write-Host "Built SshTriage $Version in $ModuleOut"
}

function Write-HelpFile {
    # MAML and about topics from the markdown in docs/en-US, the one source of the help.
    $helpOut = Join-Path $ModuleOut 'en-US'
    $commands = Export-ModuleHelp -MarkdownFolder (Join-Path $Root 'docs/en-US') -OutputFolder $helpOut -HelpFileName 'SshTriage.dll-Help.xml'
    Write-Host "Help for $(@($commands).Count) cmdlets written to $helpOut"
}

function Invoke-TestTask {
    Invoke-BuildTask
    Install-LabPackage
    # Both runners always run, so one report shows every failure; the task fails if either did.
    $failures = @()
    try {
        Invoke-Native dotnet @('test', (Join-Path $Root 'SshTriage.sln'), '-c', $Configuration, '--nologo')
    } catch {
        $failures += $_.Exception.Message
    }
    try {
        Invoke-PesterTest
    } catch {
        $failures += $_.Exception.Message
    }
    if ($failures) {
        throw ($failures -join ' ')
    }
}

function Invoke-PesterTest {
    $pester = Get-BuildModulePath -Name 'Pester'
    # A child process, so the built assemblies are not locked in this session.
    $engine = Get-PowerShellCommand
    $run = @"
`$env:SSHTRIAGE_MODULE_PATH = '$(Join-Path $ModuleOut 'SshTriage.psd1')'
Import-Module '$pester'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $Root 'tests')'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
Invoke-Pester -Configuration `$config
"@
    Invoke-Native $engine.FilePath ($engine.ArgumentList + @('-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-Command', $run))
}

function Invoke-DocsTask {
    if (-not (Test-Path (Join-Path $ModuleOut 'SshTriage.dll'))) {
        Invoke-BuildTask
        return
    }
    Write-HelpFile
}

function Invoke-PackageTask {
    Invoke-BuildTask
    $null = Test-ModuleManifest -Path (Join-Path $ModuleOut 'SshTriage.psd1')
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
    if (-not $OnLinux) {
        throw 'The lab needs Linux network namespaces.'
    }
    if ((& id -u) -ne '0') {
        throw 'The lab needs root: run sudo dotnet pwsh ./build.ps1 -Task Lab.'
    }
    $scenarios = Join-Path $Root 'tests/lab/scenarios'
    $name = @($Scenario, "f2b-$Scenario", "fw-$Scenario") | Where-Object { Test-Path (Join-Path $scenarios "$_.sh") } | Select-Object -First 1
    if (-not $name) {
        throw "There is no lab scenario '$Scenario'. The scenarios: $((Get-ChildItem $scenarios -Filter *.sh).BaseName -join ', ')."
    }
    Invoke-BuildTask
    Install-LabPackage
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
        $engine = Get-PowerShellCommand
        $demo = @"
Import-Module '$(Join-Path $ModuleOut 'SshTriage.psd1')'
`$server = '$($settings.SERVER_ADDR)'
Write-Host "Test-SshPort `$server, from the lab's client $($settings.CLIENT_ADDR):"
Test-SshPort -ComputerName `$server -Port $($settings.PORT) -TimeoutSec 8 | Out-Host
Write-Host "Find-SshRejectCause `$server -ClientAddress $($settings.CLIENT_ADDR), over the management sshd on port $($settings.MGMT_PORT):"
Find-SshRejectCause -ComputerName `$server -Port $($settings.PORT) -ClientAddress $($settings.CLIENT_ADDR) -UserName root -KeyFilePath '$($settings.CLIENT_KEY)' -SshPort $($settings.MGMT_PORT) -SshOption @{ UserKnownHostsFile = '$($settings.KNOWN_HOSTS)' } | Out-Host
"@
        & $lab exec $state client -- $engine.FilePath @($engine.ArgumentList) -NoProfile -NonInteractive -Command $demo
        if ($LASTEXITCODE -ne 0) {
            throw "The demo in the lab's client failed with exit code $LASTEXITCODE."
        }
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
