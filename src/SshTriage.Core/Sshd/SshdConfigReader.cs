using System.Collections.Generic;
using System.Net;
using SshTriage.Collection;
using SshTriage.Evidence;

namespace SshTriage.Sshd
{
    /// <summary>Get-SshdConfig's reading of the evidence: sshd -T for the effective settings, sshd -t for validity.</summary>
    public sealed class SshdConfigReader
    {
        private readonly string? user;
        private readonly string? host;
        private readonly IPAddress? address;

        /// <summary>Creates a reader; a user, host or address makes sshd evaluate its Match blocks for them.</summary>
        public SshdConfigReader(string? user, string? host, IPAddress? address)
        {
            this.user = user;
            this.host = host;
            this.address = address;
            Sections = new[] { CollectorSections.SshdEffectiveConfig(user, host, address), CollectorSections.SshdConfigTest };
        }

        /// <summary>The collector sections this reader reads.</summary>
        public IReadOnlyList<CollectorSection> Sections { get; }

        /// <summary>The config object and errors the evidence shows.</summary>
        public IEnumerable<object> Read(ServerEvidence evidence)
        {
            var dump = evidence.Bundle[CollectorSections.Names.SshdEffectiveConfig];
            var test = evidence.Bundle[CollectorSections.Names.SshdConfigTest];
            if (dump == null)
            {
                yield return EvidenceErrors.SectionMissing(evidence, "sshd configuration", CollectorSections.Names.SshdEffectiveConfig);
                yield break;
            }

            if (dump.MissingTool != null)
            {
                yield return EvidenceErrors.ToolMissing(evidence, dump, "sshd's configuration");
                yield break;
            }

            if (!dump.Succeeded && EvidenceErrors.IsPermissionProblem(evidence, dump))
            {
                yield return EvidenceErrors.NeedsRoot(evidence, "Reading sshd's effective configuration (sshd -T)");
                yield break;
            }

            var (isValid, validationMessage) = Validity(dump, test);
            yield return SshdConfigParser.Parse(evidence.ComputerName, dump.Succeeded ? dump.StandardOutput : string.Empty, user, host, address?.ToString(), isValid, validationMessage);
        }

        // Whether sshd -t accepted the file, and what it said if not; when it did not run, a failed sshd -T says the same.
        private static (bool? IsValid, string? Message) Validity(EvidenceRecord dump, EvidenceRecord? test)
        {
            if (test != null && test.ExitCode.HasValue)
            {
                return (test.Succeeded, test.Succeeded ? null : FirstNonEmpty(test.StandardError, test.StandardOutput, dump.StandardError));
            }

            return dump.Succeeded ? (null, null) : (false, FirstNonEmpty(dump.StandardError, dump.StandardOutput));
        }

        private static string? FirstNonEmpty(params string[] texts)
        {
            foreach (var text in texts)
            {
                if (!string.IsNullOrWhiteSpace(text))
                {
                    return text.Trim();
                }
            }

            return null;
        }
    }
}
