using System;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Evidence
{
    /// <summary>
    /// Opens a file of evidence (a bundle, a log) for reading: a regular file with something in
    /// it and no larger than a limit. A folder, a device, a FIFO or a socket is refused: /dev/zero
    /// never ends, and opening a FIFO waits for a writer that may never come.
    /// </summary>
    public static class EvidenceFile
    {
        /// <summary>How long opening may take before the path is taken for a FIFO nobody writes to.</summary>
        public static readonly TimeSpan DefaultOpenTimeout = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Opens <paramref name="path"/> as a stream that refuses to read past <paramref name="limit"/> bytes.
        /// Throws <see cref="IOException"/> (and its FileNotFound, DirectoryNotFound kinds),
        /// <see cref="UnauthorizedAccessException"/>, <see cref="EvidenceTooLargeException"/>, or
        /// OperationCanceledException.
        /// </summary>
        public static Stream Open(string path, long limit, CancellationToken cancellationToken, TimeSpan? openTimeout = null)
        {
            if (Directory.Exists(path))
            {
                throw new IOException($"{path} is a folder. Give the path of a file.");
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new FileNotFoundException($"{path} does not exist.", path);
            }

            // A link's own length says nothing of its target; the opened stream says it below.
            if ((info.Attributes & FileAttributes.ReparsePoint) == 0)
            {
                Check(path, info.Length, limit);
            }

            var stream = OpenInTime(path, openTimeout ?? DefaultOpenTimeout, cancellationToken);
            try
            {
                if (!stream.CanSeek)
                {
                    throw NotRegular(path);
                }

                Check(path, stream.Length, limit);
                return new BoundedStream(stream, limit, () => new EvidenceTooLargeException(path, "grew to", limit));
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        private static void Check(string path, long length, long limit)
        {
            // Devices, FIFOs and sockets have no length; neither has an empty file any evidence.
            if (length == 0)
            {
                throw NotRegular(path);
            }

            if (length > limit)
            {
                throw new EvidenceTooLargeException(path, "is", limit);
            }
        }

        private static IOException NotRegular(string path) =>
            new IOException($"{path} is empty or not a regular file (a device, a FIFO or a socket). Give the path of a saved file.");

        // Opening a FIFO blocks until something writes to it, and nothing cancels that: the open
        // runs off the caller's thread, which stops waiting on cancellation or at the timeout.
        private static FileStream OpenInTime(string path, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var opening = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.SequentialScan));
            void Abandon() => opening.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            try
            {
                if (!opening.Wait((int)timeout.TotalMilliseconds, cancellationToken))
                {
                    Abandon();
                    throw new IOException($"{path} did not open within {timeout.TotalSeconds:0.#} s: it is not a regular file (a FIFO nobody writes to?). Give the path of a saved file.");
                }
            }
            catch (OperationCanceledException)
            {
                Abandon();
                throw;
            }
            catch (AggregateException failed) when (failed.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(failed.InnerException).Throw();
            }

            return opening.Result;
        }
    }
}
