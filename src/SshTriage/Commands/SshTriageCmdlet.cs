using System;
using System.Management.Automation;
using System.Threading;

namespace SshTriage.Commands
{
    /// <summary>
    /// Base of every SshTriage cmdlet: a cancellation token that Ctrl+C (StopProcessing) cancels,
    /// and the sink through which Core operations write to the pipeline.
    /// </summary>
    public abstract class SshTriageCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private CmdletSink? sink;

        /// <summary>Cancelled when the user stops the pipeline.</summary>
        protected CancellationToken CancelToken => cancellation.Token;

        /// <summary>Writes Core output to this cmdlet's streams.</summary>
        internal CmdletSink Sink => sink ??= new CmdletSink(this);

        /// <summary>Runs a Core call; a cancellation caused by Ctrl+C becomes PipelineStoppedException.</summary>
        protected void RunCore(Action action)
        {
            try
            {
                action();
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Reads an address or prefix parameter; a malformed value is an InvalidIPAddress error
        /// (terminating for a whole-call filter) and null.
        /// </summary>
        protected Net.IPPrefix? ParseAddress(string? text, bool terminating)
        {
            if (text == null)
            {
                return null;
            }

            if (Net.IPPrefix.TryParse(text, out var prefix))
            {
                return prefix;
            }

            var record = new ErrorRecord(
                new ArgumentException($"'{text}' is not an IP address or prefix such as 198.51.100.7, 198.51.100.0/24 or 2001:db8::/64."),
                "InvalidIPAddress",
                ErrorCategory.InvalidArgument,
                text);
            if (terminating)
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
            return null;
        }

        /// <inheritdoc />
        protected override void StopProcessing() => cancellation.Cancel();

        /// <inheritdoc />
        public void Dispose()
        {
            cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
