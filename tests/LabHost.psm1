# The namespace lab (tests/lab) for Pester tests: whether it can run here, a scenario brought up
# and torn down, and scripts run in a new PowerShell inside the lab's client, as a runbook would.

Import-Module (Join-Path $PSScriptRoot '../tools/BuildSupport.psm1')

$labScript = Join-Path $PSScriptRoot 'lab/lab.sh'

# True where the lab can run: Linux, root, and the tools it needs.
function Test-LabAvailable {
    $onLinux = (Test-Path variable:IsLinux) -and $IsLinux
    $onLinux -and (& id -u) -eq '0' -and $null -ne (Get-Command ip, nsenter, unshare, ssh-keygen -ErrorAction SilentlyContinue) -and (Test-Path /usr/sbin/sshd)
}

# Brings a scenario up; the result holds its state folder and the KEY=value settings it printed.
function Start-LabScenario([string] $Scenario) {
    $state = Join-Path ([IO.Path]::GetTempPath()) ('sshtriage-lab-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $settings = @{}
    & bash $labScript up $Scenario $state | ForEach-Object { $key, $value = $_ -split '=', 2; if ($value) { $settings[$key] = $value } }
    if ($LASTEXITCODE -ne 0) { throw "the lab scenario $Scenario did not come up" }
    [pscustomobject]@{ State = $state; Settings = $settings }
}

# Runs a script in a new PowerShell inside the lab's client (written to a file in Folder); its last line is JSON.
function Invoke-LabClientScript($Lab, [string] $Script, [string] $Folder) {
    $engine = Get-PowerShellCommand
    $file = Join-Path $Folder "client-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -Path $file -Value $Script
    $output = & bash $labScript exec $Lab.State client -- $engine.FilePath @($engine.ArgumentList) -NoProfile -NonInteractive -File $file 2>&1
    $output | Select-Object -Last 1 | ConvertFrom-Json
}

function Stop-LabScenario($Lab) {
    & bash $labScript down $Lab.State
}

Export-ModuleMember -Function Test-LabAvailable, Start-LabScenario, Invoke-LabClientScript, Stop-LabScenario
