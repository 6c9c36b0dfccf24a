using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// sshd -t refuses to start: a reload or restart will fail, and a stopped sshd cannot start.
    /// Usually a line of the configuration; "Missing privilege separation directory" is not,
    /// and gets the remedy that creates that directory.
    /// </summary>
    public sealed class SshdConfigInvalidRule : IRejectRule
    {
        // sshd.c: "Missing privilege separation directory: %s" (_PATH_PRIVSEP_CHROOT_DIR).
        private static readonly Regex PrivilegeSeparation = new Regex(@"Missing privilege separation directory: (?<dir>\S+)", RegexOptions.CultureInvariant);

        /// <inheritdoc />
        public RejectCause Cause => RejectCause.SshdConfigInvalid;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Config?.IsValid == true ? "sshd -t accepts the configuration on disk." : null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var config = context.Config;
            if (config?.IsValid != false)
            {
                yield break;
            }

            var message = config.ValidationMessage ?? string.Empty;
            var privsep = PrivilegeSeparation.Match(message);
            var evidence = context.Quote("sshd -t", message);
            var directory = privsep.Groups["dir"].Value;
            yield return new SshRejectCause(
                context,
                Cause,
                CauseConfidence.Confirmed,
                privsep.Success
                    ? $"sshd -t fails because sshd's privilege separation directory {directory} does not exist, not because of a line in sshd_config: sshd will not start or reload until it does."
                    : "sshd's configuration on disk is invalid: sshd will not start or reload with it.",
                evidence)
            {
                Remedy = privsep.Success
                    ? $"{directory} is created by whatever starts sshd, not by the configuration: on Debian and Ubuntu the ssh service (RuntimeDirectory=sshd in ssh.service; the init script's mkdir), which also removes it when the service stops; on RHEL-like systems it is /var/empty/sshd from the openssh-server package. Start sshd through its service (systemctl start ssh) rather than by hand; to run sshd or sshd -t by hand, create it first as root: mkdir -p -m 0755 {directory} (owned by root, not writable by others). If the package's own directory is gone, reinstall openssh-server."
                    : "Fix the line sshd -t names, check again with sshd -t, then reload sshd.",
                RemedyCommand = context.Command("Get-SshdConfig", "-Sudo | Select-Object IsValid, ValidationMessage"),
            };
        }
    }
}
