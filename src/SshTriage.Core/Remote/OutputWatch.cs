using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>Collects a program's standard output and notices the line a paused script prints.</summary>
    internal sealed class OutputWatch
    {
        private readonly string? pauseLine;
        private readonly StringBuilder text = new StringBuilder();
        private readonly TaskCompletionSource<bool> paused = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int lineStart;

        public OutputWatch(string? pauseLine) => this.pauseLine = pauseLine;

        /// <summary>True once the pause line has been read; false when the output ended without it.</summary>
        public Task<bool> Paused => paused.Task;

        /// <summary>Everything read.</summary>
        public string Text => text.ToString();

        public async Task ReadAsync(TextReader reader)
        {
            var buffer = new char[8192];
            int count;
            while ((count = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                text.Append(buffer, 0, count);
                if (pauseLine != null && !paused.Task.IsCompleted)
                {
                    Scan();
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
