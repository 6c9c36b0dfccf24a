using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>A started local process as a script channel.</summary>
    internal sealed class ProcessChannel : IScriptChannel
    {
        private readonly Process process;
        private readonly TaskCompletionSource<bool> exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Wraps <paramref name="process"/>, which must raise events and not have started yet.</summary>
        public ProcessChannel(Process process)
        {
            this.process = process;
            process.Exited += (sender, e) => exited.TrySetResult(true);
        }

        public TextReader Output => process.StandardOutput;

        public TextReader Error => process.StandardError;

        public Task Exited => exited.Task;

        public int ExitCode
        {
            get
            {
                process.WaitForExit();
                return process.ExitCode;
            }
        }

        public async Task<bool> WriteAsync(string text)
        {
            try
            {
                if (text.Length > 0)
                {
                    await process.StandardInput.WriteAsync(text).ConfigureAwait(false);
                    await process.StandardInput.FlushAsync().ConfigureAwait(false);
                }

                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        public void CloseInput()
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program exited before reading all of its input.
            }
        }

        public void Abort()
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
