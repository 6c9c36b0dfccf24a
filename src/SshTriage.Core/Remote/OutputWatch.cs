using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>
    /// Collects a program's output up to a limit, and notices the line a paused script prints.
    /// Past the limit it either stops reading and says so (the runner then ends the program), or
    /// keeps reading and drops the rest (for messages, where the start says enough).
    /// </summary>
    internal sealed class OutputWatch
    {
        private readonly string? pauseLine;
        private readonly long limit;
        private readonly bool dropPastLimit;
        private readonly StringBuilder text = new StringBuilder();
        private readonly TaskCompletionSource<bool> paused = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> exceeded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int lineStart;

        public OutputWatch(string? pauseLine, long limit, bool dropPastLimit = false)
        {
            this.pauseLine = pauseLine;
            this.limit = limit;
            this.dropPastLimit = dropPastLimit;
        }

        /// <summary>True once the pause line has been read; false when the output ended without it.</summary>
        public Task<bool> Paused => paused.Task;

        /// <summary>Completes when the output has gone past the limit.</summary>
        public Task Exceeded => exceeded.Task;

        /// <summary>True when the output went past the limit; <see cref="Text"/> then holds what came before it.</summary>
        public bool LimitExceeded => exceeded.Task.IsCompleted;

        /// <summary>Everything read so far (the reader may still be running when a child holds the output open).</summary>
        public string Text
        {
            get
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
        }

        public async Task ReadAsync(TextReader reader)
        {
            var buffer = new char[8192];
            int count;
            while ((count = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                if (text.Length + count > limit)
                {
                    if (dropPastLimit)
                    {
                        continue;
                    }

                    exceeded.TrySetResult(true);
                    break;
                }

                lock (text)
                {
                    text.Append(buffer, 0, count);
                    if (pauseLine != null && !paused.Task.IsCompleted)
                    {
                        Scan();
                    }
                }
            }

            paused.TrySetResult(false);
        }

        // Looks at each completed line once; only the output before the pause is scanned.
        private void Scan()
        {
            for (var i = lineStart; i < text.Length; i++)
            {
                if (text[i] != '\n')
                {
                    continue;
                }

                var end = i > lineStart && text[i - 1] == '\r' ? i - 1 : i;
                if (end - lineStart == pauseLine!.Length && text.ToString(lineStart, end - lineStart) == pauseLine)
                {
                    paused.TrySetResult(true);
                }

                lineStart = i + 1;
            }
        }
    }
}
