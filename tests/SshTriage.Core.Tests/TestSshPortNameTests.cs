using System.IO;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>Test-SshPort in PowerShell with names that carry their port: the port is probed, or a -Port that says otherwise is an error.</summary>
    public sealed class TestSshPortNameTests : System.IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("sshtriage-ports-").FullName;

        public void Dispose() => Directory.Delete(folder, recursive: true);

        // Port 1 on loopback: nothing listens there, so each probe ends at once, Refused.
        [PwshFact]
        public void ThePortInANameIsTheOneProbed()
        {
            var cases = PwshScript.Run(folder, @"
Case 'bracketed IPv6' { Test-SshPort '[::1]:1' -TimeoutSec 2 | ForEach-Object { ""$($_.Port) $($_.Status)"" } }
Case 'IPv4' { Test-SshPort '127.0.0.1:1' -TimeoutSec 2 | ForEach-Object { ""$($_.Port) $($_.Status)"" } }
Case 'the same -Port' { Test-SshPort '127.0.0.1:1' -Port 1 -TimeoutSec 2 | ForEach-Object Port }
Case 'another -Port' { Test-SshPort '[::1]:1' -Port 22 -TimeoutSec 2 }
Case 'Port by property' { [pscustomobject]@{ ComputerName = '127.0.0.1:1'; Port = 22 } | Test-SshPort -TimeoutSec 2 }
Case 'no port after the colon' { Test-SshPort 'localhost:' -TimeoutSec 2 }
");
            Assert.Equal(new[] { "1 Refused" }, cases["bracketed IPv6"].Values);
            Assert.Equal(new[] { "1 Refused" }, cases["IPv4"].Values);
            Assert.Equal(new[] { "1" }, cases["the same -Port"].Values);
            Assert.Equal(new[] { "PortConflict" }, cases["another -Port"].Errors);
            Assert.Equal(new[] { "PortConflict" }, cases["Port by property"].Errors);
            Assert.Equal(new[] { "InvalidComputerName" }, cases["no port after the colon"].Errors);
            Assert.Equal(0, cases["another -Port"].Objects + cases["Port by property"].Objects);
        }
    }
}
