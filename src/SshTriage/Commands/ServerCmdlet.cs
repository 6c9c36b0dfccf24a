using System;
using System.Collections.Generic;
using System.Management.Automation;
using SshTriage.Remote;
using SshTriage.Server;

namespace SshTriage.Commands
{
    /// <summary>
    /// Base of the cmdlets that read a server: over ssh (-ComputerName), on this machine
    /// (-Local), or from a saved bundle (-EvidencePath). One collector run per host, many hosts
    /// at once.
    /// </summary>
    public abstract class ServerCmdlet : RemoteCmdlet
    {
        /// <summary>Parameter set for reading a saved bundle.</summary>
        protected const string EvidenceSet = "EvidencePath";

        private ServerQuery? query;

        /// <summary>Read saved collector output instead of connecting.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EvidenceSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] EvidencePath { get; set; } = Array.Empty<string>();

        /// <summary>How many servers are read at once.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateRange(1, 1000)]
        public int ThrottleLimit { get; set; } = 32;

        /// <summary>The cmdlet's name, for progress.</summary>
        protected abstract string Activity { get; }

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
                    foreach (var path in EvidencePath)
                    {
                        foreach (var resolved in ResolvePaths(path))
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

        /// <summary>Resolves a path with wildcards; a path that matches nothing is an error record.</summary>
        protected IEnumerable<string> ResolvePaths(string path)
        {
            try
            {
                return GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException missing)
            {
                WriteError(new ErrorRecord(missing, "EvidenceUnreadable", ErrorCategory.ObjectNotFound, path));
                return Array.Empty<string>();
            }
        }
    }
}
