<#
.SYNOPSIS
    One fleet read for bench/fleet/run.sh: Get-SshListener over every host in a file, at once up
    to a throttle limit, with the given transport. Prints what came back and the cmdlet's own time.
#>
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [ValidateSet('OpenSsh', 'SshNet')] [string] $Transport,
    [Parameter(Mandatory)] [string] $HostFile,
    [Parameter(Mandatory)] [string] $KeyFile,
    [Parameter(Mandatory)] [string] $KnownHosts,
    [int] $ThrottleLimit = 50,
    # An ssh_config KexAlgorithms list, given to either transport through -SshOption.
    [string] $KexAlgorithms,
    # Only start PowerShell and import the module: what every run pays before the first host.
    [switch] $Baseline
)
$ErrorActionPreference = 'Stop'
Import-Module $Module
if ($Baseline) {
    'hosts_ok=0 listeners=0 errors=0 cmdlet_s=0'
    return
}
$hosts = Get-Content -Path $HostFile
$options = @{ UserKnownHostsFile = $KnownHosts; GlobalKnownHostsFile = '/dev/null' }
if ($KexAlgorithms) {
    $options.KexAlgorithms = $KexAlgorithms
}
$problems = $null
$listeners = $null
$elapsed = Measure-Command {
    $listeners = Get-SshListener -ComputerName $hosts -Transport $Transport -UserName root -KeyFilePath $KeyFile -SshOption $options -ThrottleLimit $ThrottleLimit -TimeoutSec 60 -ErrorAction SilentlyContinue -ErrorVariable problems
}
$read = @($listeners | Where-Object { $_.Process -like 'sshd*' } | Select-Object -ExpandProperty ComputerName -Unique).Count
'hosts_ok={0} listeners={1} errors={2} cmdlet_s={3:0.000}' -f $read, @($listeners).Count, @($problems).Count, $elapsed.TotalSeconds
@($problems) | Select-Object -First 3 | ForEach-Object { "error: $($_.FullyQualifiedErrorId) $($_.Exception.Message)" }
