@{
    RootModule           = 'SshTriage.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0d3c52-8a51-4d6e-9c1f-3b7a2e5d9c41'
    Author               = 'SshTriage contributors'
    CompanyName          = 'SshTriage contributors'
    Copyright            = 'Copyright (c) SshTriage contributors. MIT License.'
    Description          = 'Tells an administrator why an SSH connection is rejected, proves the cause with evidence from the server, and pipes into the fix.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('SshTriage.Format.ps1xml')
    CmdletsToExport      = @(
        'Export-SshTriageCollector'
        'Find-SshRejectCause'
        'Get-Fail2BanBan'
        'Get-Fail2BanJail'
        'Get-FirewallRule'
        'Get-SshdConfig'
        'Get-SshListener'
        'Get-SshLogEvent'
        'Save-SshTriageEvidence'
        'Test-FirewallAccess'
        'Test-SshLogin'
        'Test-SshPort'
        'Unblock-Fail2BanIp'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('SSH', 'OpenSSH', 'sshd', 'Fail2Ban', 'Firewall', 'nftables', 'iptables', 'Troubleshooting', 'Diagnostics', 'PSEdition_Desktop', 'PSEdition_Core', 'Linux', 'Windows')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/sshtriage/SshTriage'
            ReleaseNotes = 'First preview: Test-SshPort; server evidence over OpenSSH, -Local or saved bundles; Fail2Ban jails, bans and safe unblocking; firewall rules and verdicts across iptables, nftables, ufw and firewalld; a collector for consoles. See CHANGELOG.md.'
        }
    }
}
