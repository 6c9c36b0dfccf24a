#Requires -Version 5.1
<#
    What build.ps1 needs beyond its tasks: running native tools, starting a child PowerShell like the
    one running now, and importing the build-time modules restored from NuGet.
#>
Set-StrictMode -Version 3.0

function Invoke-Native {
    # Runs a program and stops the build when it fails.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$(Split-Path -Leaf $FilePath) $($ArgumentList | Select-Object -First 1) failed with exit code $LASTEXITCODE."
    }
}

function Get-PowerShellCommand {
    <#
    .SYNOPSIS
        How to start a child PowerShell of the same kind as this one: FilePath and the arguments that
        come before PowerShell's own.
    .DESCRIPTION
        An installed pwsh or Windows PowerShell runs from its own executable. The PowerShell dotnet tool
        runs inside the dotnet host, so the process is dotnet itself and the child needs pwsh.dll from
        $PSHOME as its first argument.
    #>
    [CmdletBinding()]
    param(
        [string] $ProcessPath = (Get-Process -Id $PID).Path,
        [string] $PowerShellHome = $PSHOME
    )
    $name = [System.IO.Path]::GetFileNameWithoutExtension($ProcessPath)
    if ($name -eq 'dotnet') {
        $entry = Join-Path $PowerShellHome 'pwsh.dll'
        if (-not (Test-Path -LiteralPath $entry)) {
            throw "PowerShell runs inside $ProcessPath, but $entry is missing: cannot start a child PowerShell."
        }
        return [pscustomobject]@{ FilePath = $ProcessPath; ArgumentList = @($entry) }
    }
    [pscustomobject]@{ FilePath = $ProcessPath; ArgumentList = @() }
}

function Get-BuildModulePath {
    <#
    .SYNOPSIS
        Restores the build-time modules pinned in BuildModules.csproj and returns the manifest path of one.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name)
    $project = Join-Path $PSScriptRoot 'BuildModules/BuildModules.csproj'
    $download = ([xml](Get-Content -Raw -LiteralPath $project)).Project.ItemGroup.PackageDownload | Where-Object Include -EQ $Name
    if (-not $download) {
        throw "$Name is not pinned in $project."
    }
    $version = $download.Version.Trim('[', ']')
    Invoke-Native dotnet @('restore', $project, '--nologo', '-v', 'quiet')
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = Join-Path $packages.Trim() "$($Name.ToLowerInvariant())/$version/tools/$Name.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "$Name $version was restored, but $manifest is missing."
    }
    $manifest
}

Export-ModuleMember -Function Invoke-Native, Get-PowerShellCommand, Get-BuildModulePath
