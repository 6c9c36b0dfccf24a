using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using SshTriage.Probing;
using SshTriage.Text;

namespace SshTriage.Remote
{
    /// <summary>
    /// Validates what a user typed for a management connection. Nothing reaches ssh or a shell
    /// until it has passed here: a value that could be read as an option or a command is refused.
    /// </summary>
    public static class RemoteTargetBuilder
    {
        private static readonly Regex UserNamePattern = new Regex(@"^[A-Za-z_][A-Za-z0-9_.-]{0,31}$", RegexOptions.CultureInvariant);
        private static readonly Regex JumpHopPattern = new Regex(@"^(?:(?<user>[^@]+)@)?(?:\[(?<v6>[^\]]+)\]|(?<host>[^:\[\]]+))(?::(?<port>[0-9]{1,5}))?$", RegexOptions.CultureInvariant);
        private static readonly Regex OptionKeyPattern = new Regex(@"^[A-Za-z][A-Za-z0-9]{1,40}$", RegexOptions.CultureInvariant);

        /// <summary>Default seconds for a management connection to open, and again for its script to finish (-TimeoutSec).</summary>
        public const int DefaultTimeoutSec = 15;

        // Options that would run a command or hand the connection to something else.
        private static readonly HashSet<string> ForbiddenOptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ProxyCommand", "LocalCommand", "PermitLocalCommand", "KnownHostsCommand", "RemoteCommand", "Match",
            "Include", "SecurityKeyProvider", "PKCS11Provider", "BatchMode", "StrictHostKeyChecking",
        };

        /// <summary>Builds a target for an ssh connection; returns false with a message that says what to fix.</summary>
        public static bool TryBuild(
            string computerName,
            string? userName,
            string? keyFilePath,
            int? sshPort,
            string? jumpHost,
            IEnumerable<KeyValuePair<string, string>>? sshOptions,
            bool sudo,
            TimeSpan timeout,
            out RemoteTarget? target,
            out string error)
        {
            target = null;
            if (!ComputerNameParser.TryParse(computerName, out _, out error))
            {
                return false;
            }

            if (userName != null && !UserNamePattern.IsMatch(userName))
            {
                error = $"'{userName}' is not a valid user name: use letters, digits, '.', '_' and '-', starting with a letter or '_'.";
                return false;
            }

            if (keyFilePath != null && !TryCheckKeyFile(keyFilePath, out error))
            {
                return false;
            }

            if (sshPort.HasValue && (sshPort < 1 || sshPort > 65535))
            {
                error = $"SSH port {sshPort} is outside 1-65535.";
                return false;
            }

            if (jumpHost != null && !TryCheckJumpHost(jumpHost, out error))
            {
                return false;
            }

            var options = new List<KeyValuePair<string, string>>();
            foreach (var option in sshOptions ?? Array.Empty<KeyValuePair<string, string>>())
            {
                if (!TryCheckOption(option.Key, option.Value, out error))
                {
                    return false;
                }

                options.Add(option);
            }

            target = new RemoteTarget(computerName.Trim(), false, userName, keyFilePath, sshPort, jumpHost, options, sudo, timeout);
            error = string.Empty;
            return true;
        }

        /// <summary>A target for this machine (-Local).</summary>
        public static RemoteTarget Local(bool sudo, TimeSpan timeout) =>
            new RemoteTarget(Environment.MachineName, true, null, null, null, null, Array.Empty<KeyValuePair<string, string>>(), sudo, timeout);

        private static bool TryCheckKeyFile(string path, out string error)
        {
            error = string.Empty;
            if (path.Length == 0 || path.StartsWith("-", StringComparison.Ordinal) || path.IndexOfAny(new[] { '\n', '\r', '\0' }) >= 0)
            {
                error = $"'{path}' is not a usable key file path.";
                return false;
            }

            if (!File.Exists(path))
            {
                error = $"The key file '{path}' does not exist.";
                return false;
            }

            return true;
        }

        private static bool TryCheckJumpHost(string jumpHost, out string error)
        {
            error = string.Empty;
            foreach (var hop in jumpHost.Split(','))
            {
                var match = JumpHopPattern.Match(hop);
                var host = match.Groups["v6"].Success ? match.Groups["v6"].Value : match.Groups["host"].Value;
                if (!match.Success
                    || (match.Groups["user"].Success && !UserNamePattern.IsMatch(match.Groups["user"].Value))
                    || (match.Groups["port"].Success && !IsPort(match.Groups["port"].Value))
                    || !ComputerNameParser.TryParse(host, out _, out _))
                {
                    error = $"The jump host '{jumpHost}' is not valid: give [user@]host[:port] (an IPv6 address in brackets), several separated by commas.";
                    return false;
                }
            }

            return true;
        }

        private static bool IsPort(string text) => AsciiNumber.TryParseInt32(text, out var port) && port >= 1 && port <= 65535;

        private static bool TryCheckOption(string key, string value, out string error)
        {
            error = string.Empty;
            if (key == null || !OptionKeyPattern.IsMatch(key))
            {
                error = $"'{key}' is not an ssh option name.";
                return false;
            }

            if (ForbiddenOptions.Contains(key))
            {
                error = $"The ssh option {key} is not allowed here: it would run a command or change how SshTriage talks to ssh. Put it in your ssh config if you need it.";
                return false;
            }

            if (value == null || value.Length == 0 || value.IndexOfAny(new[] { '\n', '\r', '\0' }) >= 0)
            {
                error = $"The value of ssh option {key} is empty or has a line break.";
                return false;
            }

            return true;
        }
    }
}
