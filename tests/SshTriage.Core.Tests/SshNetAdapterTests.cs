using System.Linq;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Remote;
using SshTriage.Remote.Loading;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// The SSH.NET transport loads from the SshNet folder into a context of its own, beside any
    /// other SSH.NET in the process (this test assembly references the adapter, so the default
    /// context holds a copy too), and shares Core with the module.
    /// </summary>
    public class SshNetAdapterTests
    {
        [Fact]
        public void TheTransportLoadsIntoAContextOfItsOwn()
        {
            var shell = SshNetAdapter.Load();
            var context = AssemblyLoadContext.GetLoadContext(shell.GetType().Assembly)!;
            var names = context.Assemblies.Select(a => a.GetName().Name).ToList();

            Assert.NotSame(AssemblyLoadContext.Default, context);
            Assert.Equal(SshNetAdapter.AssemblyName, context.Name);
            Assert.Contains("Renci.SshNet", names);
            Assert.Contains("BouncyCastle.Cryptography", names);
            Assert.NotSame(typeof(Renci.SshNet.SshClient).Assembly, context.Assemblies.Single(a => a.GetName().Name == "Renci.SshNet"));
            Assert.DoesNotContain("SshTriage.Core", names);
            Assert.DoesNotContain("System.Memory", names);
            Assert.Same(shell, SshNetAdapter.Load());
        }

        [Fact]
        public void TheTransportSharesCoresTypes()
        {
            var shell = SshNetAdapter.Load();
            var core = shell.GetType().Assembly.GetReferencedAssemblies().Single(a => a.Name == "SshTriage.Core");

            Assert.IsAssignableFrom<IRemoteShell>(shell);
            Assert.Same(typeof(IRemoteShell).Assembly, AssemblyLoadContext.GetLoadContext(shell.GetType().Assembly)!.LoadFromAssemblyName(core));
        }

        [Fact]
        public async Task AMissingTransportIsAnErrorForTheHostNotACrash()
        {
            var shell = new TransportShell(sshNet: () => throw new SshNetUnavailableException("The SSH.NET transport is not installed: SshNet/SshTriage.SshNet.dll is missing."));
            Assert.True(RemoteTargetBuilder.TryBuild("198.51.100.20", "triage", null, null, null, null, false, System.TimeSpan.FromSeconds(5), out var target, out _, new RemoteLogin(SshTransport.SshNet)));

            var (outcome, error) = await ScriptRunner.RunAsync(shell, new LocalShell(), target!, ScriptInput.Whole("true\n"), RemoteFailure.CollectorMarker, CancellationToken.None);

            Assert.Null(outcome);
            Assert.Equal("SshTransportUnavailable", error!.ErrorId);
            Assert.Contains("-Transport OpenSsh", error.RecommendedAction, System.StringComparison.Ordinal);
        }
    }
}
