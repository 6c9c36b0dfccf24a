namespace SshTriage
{
    /// <summary>Why an SSH connection is rejected.</summary>
    public enum RejectCause
    {
        /// <summary>No sshd listens at all.</summary>
        SshdNotRunning,

        /// <summary>sshd's configuration on disk is invalid: it will not start again.</summary>
        SshdConfigInvalid,

        /// <summary>sshd listens, but not on the port the client uses.</summary>
        NotListeningOnPort,

        /// <summary>sshd listens on the port, but not on the address the client connects to (ListenAddress, AddressFamily).</summary>
        NotListeningOnAddress,

        /// <summary>systemd's ssh.socket owns the port, so sshd_config's Port and ListenAddress do not apply.</summary>
        SocketActivationOverride,

        /// <summary>SELinux does not let sshd bind the port.</summary>
        SELinuxPortDenied,

        /// <summary>A firewall rule drops the connection: the client times out.</summary>
        FirewallDrop,

        /// <summary>A firewall rule rejects the connection: the client is refused or told "no route".</summary>
        FirewallReject,

        /// <summary>Fail2Ban bans the client's own address.</summary>
        Fail2BanBan,

        /// <summary>Fail2Ban bans a gateway, NAT or proxy address that stands for the client (and everyone behind it).</summary>
        Fail2BanGatewayBanned,

        /// <summary>Fail2Ban lists a ban that the firewall does not hold.</summary>
        Fail2BanBanNotEnforced,

        /// <summary>Fail2Ban bans the client, but the ban cannot bite: connections arrive from a proxy.</summary>
        Fail2BanBanIneffective,

        /// <summary>A Fail2Ban jail watches another port than the one sshd listens on.</summary>
        Fail2BanWrongPort,

        /// <summary>TCP wrappers (hosts.deny) refuse the client.</summary>
        TcpWrappersDenied,

        /// <summary>AllowUsers, DenyUsers, AllowGroups, DenyGroups or a Match block refuse the user.</summary>
        UserNotAllowed,

        /// <summary>sshd drops unauthenticated connections past MaxStartups.</summary>
        MaxStartupsThrottled,

        /// <summary>OpenSSH 9.8+ PerSourcePenalties refuse the client's address for a while.</summary>
        PerSourcePenalty,

        /// <summary>OpenSSH 9.9+ RefuseConnection refuses the client.</summary>
        RefusedByConfig,

        /// <summary>iptables-legacy and iptables-nft both hold rules, and the one an admin does not look at blocks.</summary>
        IptablesBackendSplit,

        /// <summary>Something that is not sshd answers on the port.</summary>
        NotSshService,

        /// <summary>Nothing reaches the host at all: a filter upstream (a cloud security group, a network firewall).</summary>
        UpstreamFilter,

        /// <summary>Nothing the evidence shows explains the symptom.</summary>
        NoCauseFound,

        /// <summary>StrictModes refuses the user's authorized_keys: it, or a directory above it, is writable by others or owned by someone else.</summary>
        AuthorizedKeysPermissions,

        /// <summary>The client's key is in none of the files AuthorizedKeysFile names for the user.</summary>
        PublicKeyNotAuthorized,

        /// <summary>PubkeyAcceptedAlgorithms does not include the client key's algorithm.</summary>
        KeyTypeNotAccepted,

        /// <summary>PermitRootLogin refuses root, or refuses the method root logs in with.</summary>
        RootLoginRefused,

        /// <summary>The account is locked, so sshd (without PAM) refuses every login to it.</summary>
        AccountLocked,

        /// <summary>The account has expired.</summary>
        AccountExpired,

        /// <summary>The user's login shell does not exist or cannot be run.</summary>
        ShellInvalid,

        /// <summary>/etc/nologin or /run/nologin exists: only root may log in.</summary>
        NologinActive,

        /// <summary>The server takes neither passwords nor keyboard-interactive logins, and the client has no key it accepts.</summary>
        PasswordAuthDisabled,

        /// <summary>Client and server share no key exchange method, host key type, cipher or MAC.</summary>
        AlgorithmMismatch,

        /// <summary>The client used up MaxAuthTries (typically an agent offering many keys) before it offered one the server takes.</summary>
        TooManyAuthFailures,

        /// <summary>The user's password is empty, and PermitEmptyPasswords no refuses an empty password.</summary>
        EmptyPasswordRefused,

        /// <summary>The login did not finish within LoginGraceTime ("Timeout before authentication").</summary>
        LoginGraceTimeExceeded,

        /// <summary>sshd looks the client up (UseDNS or GSSAPIAuthentication yes) and the server's resolver is slow or never answers, so every login waits.</summary>
        LoginDelayDns,

        /// <summary>The client's known_hosts holds keys for the server, and the server has none of them (a reinstalled server, or someone in the middle).</summary>
        HostKeyChanged,
    }
}
