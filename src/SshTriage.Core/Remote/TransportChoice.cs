using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace SshTriage.Remote
{
    /// <summary>
    /// Resolves -Transport Auto: OpenSSH where an ssh client is on PATH and nothing was given that
    /// only SSH.NET can use (a credential, a pinned host key); SSH.NET otherwise.
    /// </summary>
    public static class TransportChoice
    {
        /// <summary>The transport for <paramref name="requested"/> and what the user gave.</summary>
        public static SshTransport Resolve(SshTransport requested, RemoteLogin login, bool sshOnPath)
        {
            if (requested != SshTransport.Auto)
            {
                return requested;
            }

            if (login.Credential != null || login.HostKeyFingerprints.Count > 0)
            {
                return SshTransport.SshNet;
            }

            return sshOnPath ? SshTransport.OpenSsh : SshTransport.SshNet;
        }

        /// <summary>True when a program named ssh (ssh.exe on Windows) is in a folder on PATH.</summary>
        public static bool SshOnPath()
        {
            var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "ssh.exe" : "ssh";
            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            return path.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Any(folder => folder.IndexOfAny(Path.GetInvalidPathChars()) < 0 && File.Exists(Path.Combine(folder, name)));
        }
    }
}
