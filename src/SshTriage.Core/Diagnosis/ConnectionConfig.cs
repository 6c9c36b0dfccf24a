using System;
using System.Net;
using SshTriage.Collection;
using SshTriage.Sshd;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// sshd's effective configuration for one connection, as <c>sshd -T -C</c> printed it with
    /// the Match blocks for that user and address evaluated by sshd itself.
    /// </summary>
    public sealed class ConnectionConfig
    {
        private ConnectionConfig(IPAddress address, string? user, string command, SshdConfig config)
        {
            Address = address;
            User = user;
            Command = command;
            Config = config;
        }

        /// <summary>The client address the configuration was evaluated for.</summary>
        public IPAddress Address { get; }

        /// <summary>The user it was evaluated for, when known.</summary>
        public string? User { get; }

        /// <summary>The command, as an admin would type it: sshd -T -C user=...,host=...,addr=....</summary>
        public string Command { get; }

        /// <summary>The effective settings.</summary>
        public SshdConfig Config { get; }

        /// <summary>Reads a <see cref="ClientSections"/> configuration section; null when it did not run or failed.</summary>
        public static ConnectionConfig? Read(ServerEvidence evidence, string section, string? user, int port)
        {
            var record = evidence.Bundle[section];
            if (record == null || !record.Succeeded)
            {
                return null;
            }

            // "addr=198.51.100.10", then sshd -T's lines.
            var text = record.StandardOutput;
            var newline = text.IndexOf('\n');
            var first = (newline < 0 ? text : text.Substring(0, newline)).Trim();
            if (!first.StartsWith("addr=", StringComparison.Ordinal) || !IPAddress.TryParse(first.Substring(5), out var address))
            {
                return null;
            }

            var spec = (user == null ? string.Empty : $"user={user},") + $"host={address},addr={address},lport={port}";
            return new ConnectionConfig(address, user, "sshd -T -C " + spec, SshdConfigParser.Parse(evidence.ComputerName, newline < 0 ? string.Empty : text.Substring(newline + 1)));
        }
    }
}
