namespace SshTriage.Tests.Lab
{
    /// <summary>The transports every server-side lab test runs over: the same tests, the same expectations.</summary>
    internal static class LabTransport
    {
        public const string OpenSsh = "OpenSsh";
        public const string SshNet = "SshNet";
    }

    public sealed class ServerEvidenceOverOpenSsh() : ServerEvidenceLabTests(LabTransport.OpenSsh);

    public sealed class ServerEvidenceOverSshNet() : ServerEvidenceLabTests(LabTransport.SshNet);

    public sealed class Fail2BanOverOpenSsh() : Fail2BanLabTests(LabTransport.OpenSsh);

    public sealed class Fail2BanOverSshNet() : Fail2BanLabTests(LabTransport.SshNet);

    public sealed class FindCauseOverOpenSsh() : FindCauseLabTests(LabTransport.OpenSsh);

    public sealed class FindCauseOverSshNet() : FindCauseLabTests(LabTransport.SshNet);

    public sealed class FirewallOverOpenSsh() : FirewallLabTests(LabTransport.OpenSsh);

    public sealed class FirewallOverSshNet() : FirewallLabTests(LabTransport.SshNet);

    public sealed class FirewallAccessOverOpenSsh() : FirewallAccessLabTests(LabTransport.OpenSsh);

    public sealed class FirewallAccessOverSshNet() : FirewallAccessLabTests(LabTransport.SshNet);
}
