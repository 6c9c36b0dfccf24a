using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Evidence;
using SshTriage.Operations;
using SshTriage.Remote;

namespace SshTriage.Collection
{
    /// <summary>
    /// The engine under every server-side cmdlet: one collector run per host (over ssh, or on
    /// this machine), many hosts at once up to a throttle limit, or a saved bundle instead —
    /// all read by the same interpreter.
    /// </summary>
    public sealed class ServerQuery
    {
        private readonly IReadOnlyList<CollectorSection> sections;
        private readonly EvidencePlan plan;
        private readonly IRemoteShell ssh;
        private readonly IRemoteShell local;
        private readonly ICollectorPause? pause;
        private readonly ThrottledWork work;
        private readonly CancellationToken cancellationToken;
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Default number of servers read at once (-ThrottleLimit).</summary>
        public const int DefaultThrottleLimit = 32;

        /// <summary>
        /// Creates a query that runs <paramref name="plan"/>'s sections (after the meta section) on
        /// every host added and reads their evidence with it. With a pause, the collector reads the
        /// meta section and the pause's own sections, waits while the pause acts, then reads the
        /// plan's sections and what the pause adds.
        /// </summary>
        public ServerQuery(
            string activity,
            EvidencePlan plan,
            int throttleLimit,
            CancellationToken cancellationToken,
            IRemoteShell? ssh = null,
            IRemoteShell? local = null)
        {
            sections = new[] { CollectorSections.Meta }.Concat(plan.Sections).ToList();
            this.plan = plan;
            this.ssh = ssh ?? TransportShell.Default;
            this.local = local ?? new LocalShell();
            pause = plan.Pause;
            this.cancellationToken = cancellationToken;
            work = new ThrottledWork(throttleLimit, activity, "servers read", 2, cancellationToken);
        }

        /// <summary>Starts collecting from <paramref name="target"/>; a host already added in this call is skipped.</summary>
        public void Add(RemoteTarget target)
        {
            var key = target.IsLocal ? "\0local" : $"{target.UserName}@{target.ComputerName}:{target.SshPort}";
            if (!seen.Add(key))
            {
                return;
            }

            work.Start(target.ComputerName, "ServerEvidenceFailed", (emit, token) => CollectAsync(target, emit, token));
        }

        /// <summary>Reads a saved bundle now (on the caller's thread) and writes what it shows.</summary>
        public void AddEvidenceFile(string path, IOperationSink sink)
        {
            const string Advice = "Give the path of a file saved by Save-SshTriageEvidence or copied from the collector's output.";
            EvidenceBundle bundle;
            try
            {
                bundle = EvidenceBundle.Load(path, cancellationToken);
            }
            catch (EvidenceFormatException unreadable)
            {
                sink.WriteError(unreadable.ToError(path, Advice));
                return;
            }
            catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
            {
                var category = failure is FileNotFoundException || failure is DirectoryNotFoundException ? TriageErrorCategory.ObjectNotFound : TriageErrorCategory.ReadError;
                sink.WriteError(new TriageError("EvidenceUnreadable", failure, category, path, Advice));
                return;
            }

            var facts = HostFacts.Parse(bundle[CollectorSections.Names.Meta]?.StandardOutput ?? string.Empty);
            var evidence = new ServerEvidence(facts.HostName ?? Path.GetFileNameWithoutExtension(path), bundle);
            // Only the reader's faults are caught: what the sink throws (the pipeline stopped by
            // Select-Object -First, say) must reach the caller unchanged.
            using var items = plan.Read(evidence).GetEnumerator();
            while (true)
            {
                try
                {
                    if (!items.MoveNext())
                    {
                        return;
                    }
                }
                catch (Exception unexpected) when (!(unexpected is OperationCanceledException))
                {
                    // As for a live host (ThrottledWork): one bundle's fault is one error, not the end of the pipeline.
                    sink.WriteError(new TriageError("ServerEvidenceFailed", unexpected, TriageErrorCategory.NotSpecified, path, "Report this with the bundle that produced it."));
                    return;
                }

                Write(items.Current, sink);
            }
        }

        /// <summary>Writes what is ready, without waiting.</summary>
        public void WriteCompleted(IOperationSink sink) => work.WriteCompleted(sink);

        /// <summary>Waits for every host, writing output as it arrives.</summary>
        public void WriteRemaining(IOperationSink sink) => work.WriteRemaining(sink);

        private static void Write(object item, IOperationSink sink)
        {
            if (item is TriageError error)
            {
                sink.WriteError(error);
            }
            else
            {
                sink.WriteObject(item);
            }
        }

        private ScriptInput Input(RemoteTarget target)
        {
            if (pause == null)
            {
                return ScriptInput.Whole(CollectorScript.Build(sections));
            }

            // The meta section (this.sections' first) runs before the pause, with the pause's own.
            var boundary = CollectorScript.NewBoundary();
            return ScriptInput.Paused(
                CollectorScript.Paused(new[] { CollectorSections.Meta }.Concat(pause.Before), boundary),
                CollectorScript.PauseLine(boundary),
                async token => CollectorScript.Rest(sections.Skip(1).Concat(await pause.ActAsync(target, token).ConfigureAwait(false))));
        }

        private async Task EmitWithoutEvidenceAsync(RemoteTarget target, Action<object> emit, CancellationToken token)
        {
            if (pause == null)
            {
                return;
            }

            foreach (var item in await pause.WithoutEvidenceAsync(target, token).ConfigureAwait(false))
            {
                emit(item);
            }
        }

        private async Task CollectAsync(RemoteTarget target, Action<object> emit, CancellationToken token)
        {
            var (outcome, failed) = await ScriptRunner.RunAsync(ssh, local, target, Input(target), RemoteFailure.CollectorMarker, token).ConfigureAwait(false);
            if (failed != null)
            {
                emit(failed);
                await EmitWithoutEvidenceAsync(target, emit, token).ConfigureAwait(false);
                return;
            }

            EvidenceBundle bundle;
            try
            {
                bundle = EvidenceBundle.Parse(outcome!.StandardOutput, target.ComputerName);
            }
            catch (EvidenceFormatException damaged)
            {
                emit(damaged.ToError(target.ComputerName, "Run again; if it persists, check what the remote login shell prints."));
                await EmitWithoutEvidenceAsync(target, emit, token).ConfigureAwait(false);
                return;
            }

            foreach (var item in plan.Read(new ServerEvidence(target.ComputerName, bundle, target.IsLocal)))
            {
                emit(item);
            }
        }
    }
}
