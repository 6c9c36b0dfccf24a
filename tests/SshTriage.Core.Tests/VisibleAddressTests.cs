using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Evidence;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Which address sshd sees a client as, read without probes: the server's route back to the
    /// client names a gateway, and sshd's newest line naming either address decides, by time and,
    /// within one second, by the log's order.
    /// </summary>
    public class VisibleAddressTests
    {
        private static readonly IPAddress Client = IPAddress.Parse("198.51.100.10");
        private static readonly IPAddress Gateway = IPAddress.Parse("203.0.113.1");

        // ip route get as the lab's server printed it for the client behind the gateway.
        private const string Route = "198.51.100.10 via 203.0.113.1 dev eth0 src 203.0.113.20 uid 0\n    cache\n";

        private static DiagnosisContext Context(string log)
        {
            var text = BundleText.Of(new[] { ("meta", BundleText.RootMeta), ("sshd-log", "source=/var/log/auth.log\n" + log) });
            return new DiagnosisContext(new ServerEvidence("sst-server", EvidenceBundle.Parse(text, "test")), 22, Client, null, null, Route);
        }

        private static string Captured => Fixture.Load("auth-log/sshd92-ban-behind-nat.txt").Output;

        // The client's third failed login and its login through the NAT, all at 22:38:56.
        [Fact]
        public void WithinOneSecondTheLaterLineDecides()
        {
            var context = Context(Captured);

            Assert.Equal(Gateway, context.VisibleAddress);
        }

        [Fact]
        public void WithinOneSecondAnEarlierLineFromTheGatewayDoesNotDecide()
        {
            // The gateway's session (sshd[10256]) moved before the client's last failed login.
            var lines = Captured.Split('\n').Where(l => l.Length > 0).ToList();
            var fromGateway = lines.Where(l => l.Contains("sshd[10256]")).ToList();
            var reordered = lines.Except(fromGateway).ToList();
            reordered.InsertRange(reordered.FindIndex(l => l.Contains("sshd[10203]")), fromGateway);

            var context = Context(string.Join("\n", reordered) + "\n");

            Assert.Equal(Client, context.VisibleAddress);
        }

        [Fact]
        public void ALaterSecondDecidesWhateverTheOrder()
        {
            var log = "Dec  4 22:38:57 sst-server sshd[10203]: Connection closed by invalid user sst-nosuch2 198.51.100.10 port 57834 [preauth]\n"
                + "Dec  4 22:38:56 sst-server sshd[10256]: Accepted publickey for root from 203.0.113.1 port 57844 ssh2: ED25519 SHA256:xJvxAtY8x91oUu3h5bYg3ey4tv/j/Ziuf7JSrj8Re08\n";

            Assert.Equal(Client, Context(log).VisibleAddress);
        }
    }
}
