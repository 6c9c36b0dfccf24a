using System.Linq;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    public class SsListenParserTests
    {
        [Fact]
        public void ReadsAddressesPortsAndProcessesAsRoot()
        {
            var entries = SsListenParser.Parse(Fixture.Load("ss/open-root.txt").Output);

            Assert.Contains(entries, e => e.Address == "0.0.0.0" && e.Port == 22 && e.Processes.Single().Name == "sshd");
            Assert.Contains(entries, e => e.Address == "::" && e.Port == 22 && e.Processes.Single().Pid > 0);
            Assert.Contains(entries, e => e.Port == 2222);
        }

        [Fact]
        public void WithoutRootThereAreNoProcesses()
        {
            var entries = SsListenParser.Parse(Fixture.Load("ss/open-nonroot.txt").Output);

            Assert.NotEmpty(entries);
            Assert.All(entries, e => Assert.Empty(e.Processes));
        }

        [Fact]
        public void LoopbackOnlyAndMovedPortsAreRead()
        {
            var loopback = SsListenParser.Parse(Fixture.Load("ss/loopback-only-root.txt").Output).Where(e => e.Port == 22).Select(e => e.Address).OrderBy(a => a, System.StringComparer.Ordinal);
            Assert.Equal(new[] { "127.0.0.1", "::1" }, loopback);

            var moved = SsListenParser.Parse(Fixture.Load("ss/moved-port-root.txt").Output).Where(e => e.Processes.Any(p => p.Name == "sshd")).Select(e => e.Port).Distinct();
            Assert.Equal(new[] { 2200 }, moved);
        }

        [Fact]
        public void OpenSsh10IsReadToo()
        {
            Assert.Contains(SsListenParser.Parse(Fixture.Load("ss/sshd10-open-root.txt").Output), e => e.Port == 22);
        }

        [Theory]
        [InlineData("*:22", "*", null, 22)]
        [InlineData("[::ffff:198.51.100.20]:22", "::ffff:198.51.100.20", null, 22)]
        [InlineData("0.0.0.0%eth0:22", "0.0.0.0", "eth0", 22)]
        [InlineData("[fe80::1]%eth0:22", "fe80::1", "eth0", 22)]
        public void EndpointFormsOfOtherSystemsAreSplit(string endpoint, string address, string? interfaceName, int port)
        {
            Assert.True(SsListenParser.TrySplitEndpoint(endpoint, out var a, out var i, out var p));
            Assert.Equal((address, interfaceName, port), (a, i, p));
        }
    }
}
