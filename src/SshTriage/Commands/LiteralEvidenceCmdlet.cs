using System;
using System.Management.Automation;

namespace SshTriage.Commands
{
    /// <summary>
    /// A server cmdlet whose -LiteralPath names saved bundles exactly, as -LiteralPath does for
    /// PowerShell's own cmdlets (Get-ChildItem's output binds to it by PSPath).
    /// </summary>
    public abstract class LiteralEvidenceCmdlet : ServerCmdlet
    {
        /// <summary>Saved collector output to read, named exactly: no character is a wildcard.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralEvidenceSet, ValueFromPipelineByPropertyName = true)]
        [Alias("LP", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <inheritdoc />
        protected override string[] LiteralEvidence => LiteralPath;
    }
}
