using System;
using System.IO;
using System.Security.Cryptography;

namespace SshTriage.Evidence
{
    /// <summary>
    /// A read-only stream over another that stops with an exception once more than a limit has
    /// been read, and can hash what passes through (the compressed bundle's checksum).
    /// </summary>
    internal sealed class BoundedStream : Stream
    {
        private readonly Stream inner;
        private readonly long limit;
        private readonly Func<Exception> tooLarge;
        private readonly IncrementalHash? hash;
        private long total;

        public BoundedStream(Stream inner, long limit, Func<Exception> tooLarge, bool sha256 = false)
        {
            this.inner = inner;
            this.limit = limit;
            this.tooLarge = tooLarge;
            hash = sha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => total;
            set => throw new NotSupportedException();
        }

        /// <summary>The lower-case hex SHA-256 of everything read so far (only when hashing).</summary>
        public string Sha256() => BitConverter.ToString(hash!.GetHashAndReset()).Replace("-", string.Empty).ToLowerInvariant();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            total += read;
            if (total > limit)
            {
                throw tooLarge();
            }

            hash?.AppendData(buffer, offset, read);
            return read;
        }

        /// <summary>Reads to the end, so that the hash covers everything.</summary>
        public void Drain()
        {
            var rest = new byte[81920];
            while (Read(rest, 0, rest.Length) > 0)
            {
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                hash?.Dispose();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
