using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.SshNet
{
    /// <summary>
    /// A text reader over one of SSH.NET's output streams, read on a thread of its own. Those
    /// streams only block (they have no asynchronous read), and a read left to the thread pool
    /// would hold a pool thread for a session's whole life: with fifty servers at once the pool
    /// starves. Here the blocking read has its thread, and the reader's callers wait asynchronously.
    /// </summary>
    internal sealed class PumpedReader : TextReader
    {
        private readonly Queue<string?> chunks = new Queue<string?>();
        private readonly SemaphoreSlim available = new SemaphoreSlim(0);
        private string current = string.Empty;
        private int offset;
        private bool ended;

        public PumpedReader(Stream stream, Encoding encoding, string name)
        {
            var thread = new Thread(() => Pump(stream, encoding)) { IsBackground = true, Name = name };
            thread.Start();
        }

        public override async Task<int> ReadAsync(char[] buffer, int index, int count)
        {
            while (true)
            {
                if (offset < current.Length)
                {
                    var taken = Math.Min(count, current.Length - offset);
                    current.CopyTo(offset, buffer, index, taken);
                    offset += taken;
                    return taken;
                }

                if (ended)
                {
                    return 0;
                }

                await available.WaitAsync().ConfigureAwait(false);
                lock (chunks)
                {
                    var next = chunks.Dequeue();
                    ended = next == null;
                    current = next ?? string.Empty;
                    offset = 0;
                }
            }
        }

        public override int Read(char[] buffer, int index, int count) => ReadAsync(buffer, index, count).GetAwaiter().GetResult();

        public override async Task<string> ReadToEndAsync()
        {
            var text = new StringBuilder();
            var buffer = new char[8192];
            int count;
            while ((count = await ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                text.Append(buffer, 0, count);
            }

            return text.ToString();
        }

        private void Pump(Stream stream, Encoding encoding)
        {
            var decoder = encoding.GetDecoder();
            var bytes = new byte[16384];
            var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
            try
            {
                int count;
                while ((count = stream.Read(bytes, 0, bytes.Length)) > 0)
                {
                    Add(new string(chars, 0, decoder.GetChars(bytes, 0, count, chars, 0)));
                }
            }
            catch (Exception ended) when (!(ended is OutOfMemoryException))
            {
                // The session ended under the read (this thread must never die of it): what came before is the output.
            }
            finally
            {
                Add(new string(chars, 0, decoder.GetChars(bytes, 0, 0, chars, 0, flush: true)));
                Add(null);
            }
        }

        // A null chunk is the end of the stream.
        private void Add(string? chunk)
        {
            if (chunk != null && chunk.Length == 0)
            {
                return;
            }

            lock (chunks)
            {
                chunks.Enqueue(chunk);
            }

            available.Release();
        }
    }
}
