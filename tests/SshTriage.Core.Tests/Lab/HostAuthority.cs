using System;
using System.IO;
using System.Linq;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// A host certificate authority for a lab: ssh-keygen makes the authority and certifies the
    /// management sshd's ED25519 host key for the server's address; sshd is told (HostCertificate,
    /// then SIGHUP, which makes it re-read its config) and known_hosts files trust the authority.
    /// </summary>
    internal sealed class HostAuthority
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
        private readonly LabInstance lab;
        private readonly string folder;

        public HostAuthority(LabInstance lab)
        {
            this.lab = lab;
            folder = Path.Combine(lab["STATE_DIR"], "client", "authority");
            Directory.CreateDirectory(folder);
            Check(ProcessRunner.Run("ssh-keygen", Timeout, "-q", "-t", "ed25519", "-N", string.Empty, "-C", "sst-lab-ca", "-f", Path.Combine(folder, "ca")));
        }

        /// <summary>Certifies the management sshd's host key for SERVER_ADDR and makes sshd offer the certificate.</summary>
        public void CertifyManagementSshd()
        {
            var config = lab["SSHD_MGMT_CONFIG"];
            var hostKey = ServerLab.ManagementHostKey(lab);
            var publicKey = Path.Combine(folder, "host.pub");
            File.Copy(hostKey + ".pub", publicKey, true);
            Check(ProcessRunner.Run("ssh-keygen", Timeout, "-q", "-s", Path.Combine(folder, "ca"), "-I", "sst-server", "-h", "-n", lab["SERVER_ADDR"], "-V", "-5m:+1h", publicKey));
            var lines = File.ReadAllLines(config).ToList();
            lines.Insert(lines.FindIndex(l => l == "HostKey " + hostKey) + 1, "HostCertificate " + Path.Combine(folder, "host-cert.pub"));
            File.WriteAllLines(config, lines);
            Check(ProcessRunner.Run("kill", Timeout, "-HUP", lab["SSHD_MGMT_PID"]));
            WaitForListener();
        }

        /// <summary>A known_hosts file that trusts only the authority (and, when asked, revokes it too).</summary>
        public string KnownHosts(bool revoked)
        {
            var key = File.ReadAllText(Path.Combine(folder, "ca.pub")).Trim();
            var pattern = "[" + lab["SERVER_ADDR"] + "]:" + lab["MGMT_PORT"];
            var file = Path.Combine(folder, revoked ? "known_hosts_revoked" : "known_hosts");
            File.WriteAllLines(file, revoked
                ? new[] { "@cert-authority " + pattern + " " + key, "@revoked * " + key }
                : new[] { "@cert-authority " + pattern + " " + key });
            return file;
        }

        private static void Check(ProcessOutcome outcome)
        {
            if (outcome.ExitCode != 0)
            {
                throw new InvalidOperationException($"the lab's host authority failed: {outcome.StandardError}");
            }
        }

        // sshd re-executes itself on SIGHUP: wait until it listens again.
        private void WaitForListener()
        {
            for (var i = 0; i < 50; i++)
            {
                if (lab.Exec("client", Timeout, "bash", "-c", $"exec 3<>/dev/tcp/{lab["SERVER_ADDR"]}/{lab["MGMT_PORT"]}").ExitCode == 0)
                {
                    return;
                }

                System.Threading.Thread.Sleep(100);
            }

            throw new InvalidOperationException("the management sshd did not come back after SIGHUP");
        }
    }
}
