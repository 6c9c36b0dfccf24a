using System;
using System.Management.Automation;
using SshTriage.Collection;
using SshTriage.Remote;

namespace SshTriage.Commands
{
    /// <summary>
    /// Base of the cmdlets that read a server: over ssh (-ComputerName), on this machine
    /// (-Local), or from saved bundles (-EvidencePath with wildcards, or as written). One
    /// collector run per host, many hosts at once.
    /// </summary>
    public abstract class ServerCmdlet : RemoteCmdlet
    {
        /// <summary>Parameter set for reading saved bundles named with wildcards.</summary>
        protected const string EvidenceSet = "EvidencePath";

        /// <summary>Parameter set for reading saved bundles named exactly.</summary>
        protected const string LiteralEvidenceSet = "LiteralEvidencePath";

        private ServerQuery? query;

        /// <summary>Read saved collector output instead of connecting; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EvidenceSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] EvidencePath { get; set; } = Array.Empty<string>();

        /// <summary>How many servers are read at once.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateRange(1, 1000)]
        public int ThrottleLimit { get; set; } = ServerQuery.DefaultThrottleLimit;

        /// <summary>The cmdlet's name, for progress.</summary>
        protected abstract string Activity { get; }

        /// <summary>The saved bundles named exactly, in <see cref="LiteralEvidenceSet"/> (the derived class names the parameter).</summary>
        protected abstract string[] LiteralEvidence { get; }

        /// <summary>Builds the query for this call, from the cmdlet's own parameters.</summary>
        protected abstract ServerQuery CreateQuery();

        /// <inheritdoc />
        protected override void BeginProcessing() => query = CreateQuery();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case LocalSet:
                    query!.Add(BuildTarget(string.Empty)!);
                    break;
                case EvidenceSet:
                case LiteralEvidenceSet:
                    var literal = ParameterSetName == LiteralEvidenceSet;
                    foreach (var path in literal ? LiteralEvidence : EvidencePath)
                    {
                        foreach (var resolved in PathResolver.Inputs(this, path, literal, "EvidencePath"))
                        {
                            RunCore(() => query!.AddEvidenceFile(resolved, Sink));
                        }
                    }

                    break;
                default:
                    foreach (var name in ComputerName)
                    {
                        if (BuildTarget(name) is RemoteTarget target)
                        {
                            query!.Add(target);
                        }
                    }

                    break;
            }

            query!.WriteCompleted(Sink);
        }

        /// <inheritdoc />
        protected override void EndProcessing() => RunCore(() => query!.WriteRemaining(Sink));
    }
}
