using System;
using System.Linq;
using SshTriage.Handshake;

namespace SshTriage.Tests
{
    /// <summary>A real sshd's identification line and KEXINIT packet (tests/lab/capture-kexinit-fixtures.sh).</summary>
    internal static class KexInitFixture
    {
        /// <summary>The identification line and the whole packet, as the server sent them.</summary>
        public static (string Identification, byte[] Packet) Capture(string name)
        {
            var lines = Fixture.Load("kexinit/" + name).Output.Split('\n');
            return (lines[0], Convert.FromBase64String(lines[1]));
        }

        /// <summary>The server's offer in the fixture.</summary>
        public static SshKexInit Offer(string name)
        {
            var packet = Capture(name).Packet;
            var padding = packet[4];
            var payload = packet.Skip(5).Take(packet.Length - 5 - padding).ToArray();
            return KexInitParser.TryParse(payload, out _) ?? throw new InvalidOperationException(name + " holds no KEXINIT");
        }
    }
}
