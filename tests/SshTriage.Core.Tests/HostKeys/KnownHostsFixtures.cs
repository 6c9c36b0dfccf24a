using System;
using System.Collections.Generic;
using SshTriage.Remote.HostKeys;

namespace SshTriage.Tests.HostKeys
{
    /// <summary>The keys, certificates and known_hosts files ssh-keygen made (tests/lab/capture-known-hosts-fixtures.sh).</summary>
    internal static class KnownHostsFixtures
    {
        public const string Folder = "known-hosts";

        /// <summary>The key blob of a .pub fixture (type, base64, comment).</summary>
        public static byte[] Key(string name) =>
            Convert.FromBase64String(Fixture.Load($"{Folder}/{name}.pub.txt").Output.Split(' ')[1]);

        /// <summary>The entries of a known_hosts fixture.</summary>
        public static IReadOnlyList<KnownHostsEntry> Entries(string name) =>
            KnownHostsParser.Parse(Fixture.Load($"{Folder}/{name}.txt").Output, name);

        /// <summary>A verifier over the hashed known_hosts file, with optional pins.</summary>
        public static HostKeyVerifier Verifier(params string[] pins) =>
            new HostKeyVerifier(Entries("known_hosts-hashed"), new[] { "known_hosts-hashed" }, pins);
    }
}
