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
