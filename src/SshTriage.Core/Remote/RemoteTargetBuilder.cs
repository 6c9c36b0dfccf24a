using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text.RegularExpressions;
using SshTriage.Accounts;
using SshTriage.Operations;
using SshTriage.Probing;
using SshTriage.Remote.HostKeys;

namespace SshTriage.Remote
{
    /// <summary>
    /// Validates what a user typed for a management connection. Nothing reaches ssh or a shell
    /// until it has passed here: a value that could be read as an option or a command is refused.
    /// </summary>
    public static class RemoteTargetBuilder
    {
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
            out string error,
            RemoteLogin? login = null)
        {
            target = null;
            login ??= RemoteLogin.Default;
            if (!ComputerNameParser.TryParse(computerName, out _, out error))
            {
                return false;
            }

            if (userName != null && !AccountName.IsValid(userName))
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

            if (!TryCheckLogin(login, ref userName, options, out var transport, out var pins, out error))
            {
                return false;
            }

            target = new RemoteTarget(computerName.Trim(), false, userName, keyFilePath, sshPort, jumpHost, options, sudo, timeout, transport, login.Credential, login.SudoPassword, pins);
            error = string.Empty;
            return true;
        }

        /// <summary>The error for a connection value that did not pass here: nothing was sent to the server.</summary>
        public static TriageError InvalidTarget(string name, string problem) => new TriageError(
            "InvalidRemoteTarget",
            new ArgumentException(problem),
            TriageErrorCategory.InvalidArgument,
            name,
            "Fix the value named in the message; nothing was sent to the server.");

        /// <summary>A target for this machine (-Local); with <paramref name="sudoPassword"/>, sudo -S reads it.</summary>
        public static RemoteTarget Local(bool sudo, TimeSpan timeout, SecureString? sudoPassword = null) =>
            new RemoteTarget(Environment.MachineName, true, null, null, null, null, Array.Empty<KeyValuePair<string, string>>(), sudo, timeout, SshTransport.OpenSsh, null, sudoPassword, Array.Empty<string>());

        // The transport, and what only one transport can do.
        private static bool TryCheckLogin(RemoteLogin login, ref string? userName, List<KeyValuePair<string, string>> options, out SshTransport transport, out List<string> pins, out string error)
        {
            error = string.Empty;
            transport = TransportChoice.Resolve(login.Transport, login, login.Transport == SshTransport.Auto && TransportChoice.SshOnPath());
            pins = new List<string>();
            foreach (var pin in login.HostKeyFingerprints)
            {
                if (!HostKeyFingerprint.TryNormalize(pin, out var fingerprint, out error))
                {
                    return false;
                }

                pins.Add(fingerprint);
            }

            if (RemoteCommand.SudoPasswordProblem(login.SudoPassword) is string sudoProblem)
            {
                error = sudoProblem;
                return false;
            }

            if (login.Credential != null)
            {
                var name = login.Credential.UserName;
                if (name.Length == 0 || name.Length > 256 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    error = "The credential's user name is empty, too long, or has spaces or control characters.";
                    return false;
                }

                if (userName != null && !string.Equals(userName, name, StringComparison.Ordinal))
                {
                    error = $"-UserName '{userName}' and the credential's user '{name}' differ: give one of them.";
                    return false;
                }

                userName = name;
            }

            if (transport == SshTransport.OpenSsh)
            {
                if (login.Credential != null || pins.Count > 0)
                {
                    error = $"{(login.Credential != null ? "-Credential" : "-HostKeyFingerprint")} needs the SSH.NET transport: OpenSSH runs in batch mode and takes no password or pinned key from SshTriage. Use -Transport SshNet (or Auto).";
                    return false;
                }

                return true;
            }

            foreach (var option in options)
            {
                if (AlgorithmList.IsOption(option.Key))
                {
                    if (!AlgorithmList.IsWellFormed(option.Value))
                    {
                        error = $"The ssh option {option.Key}={option.Value} is not a list of algorithm names (optionally after +, - or ^), as in ssh_config.";
                        return false;
                    }
                }
                else if (!string.Equals(option.Key, KnownHostsFiles.UserOption, StringComparison.OrdinalIgnoreCase) && !string.Equals(option.Key, KnownHostsFiles.GlobalOption, StringComparison.OrdinalIgnoreCase))
                {
                    error = $"The ssh option {option.Key} means nothing to the SSH.NET transport, which reads no ssh config (it honours {KnownHostsFiles.UserOption}, {KnownHostsFiles.GlobalOption}, {string.Join(", ", AlgorithmList.OptionNames)}). Leave it out, or use -Transport OpenSsh.";
                    return false;
                }
            }

            return true;
        }

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
            if (JumpHop.TryParseList(jumpHost, AccountName.IsValid, out _))
            {
                return true;
            }

            error = $"The jump host '{jumpHost}' is not valid: give [user@]host[:port] (an IPv6 address in brackets), several separated by commas.";
            return false;
        }

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
