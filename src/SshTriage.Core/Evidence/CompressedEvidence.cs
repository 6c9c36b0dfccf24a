using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using SshTriage.Text;

namespace SshTriage.Evidence
{
    /// <summary>
    /// Unpacks the compressed collector's output: base64 of gzip between a header that carries
    /// the sha256 of the plain output and an end line. A console may wrap, indent or add CRs to
    /// the base64; anything that changes the content itself fails the checksum. The plain output
    /// is read as it is unpacked, up to <see cref="EvidenceLimits.MaxBundleBytes"/>.
    /// </summary>
    internal static class CompressedEvidence
    {
        /// <summary>Reads the bundle whose compressed header is <paramref name="header"/>, from the lines after it.</summary>
        public static EvidenceBundle Read(string header, ISectionLines lines, string source, CancellationToken cancellationToken)
        {
            var sum = header.IndexOf(" sha256=", StringComparison.Ordinal);
            if (sum < 0)
            {
                throw Truncated(source, "checksum");
            }

            var expected = header.Substring(sum + 8).Trim();
            lines.BeginBody();
            LineKind kind;
            while ((kind = lines.Next(CollectorScript.CompressedEnd, 0, out _)) == LineKind.Other)
            {
            }

            if (kind == LineKind.End)
            {
                throw Truncated(source, "last line");
            }

            var payload = lines.EndBody();

            using (var plain = new BoundedStream(
                new GZipStream(new MemoryStream(Decode(payload, source)), CompressionMode.Decompress),
                EvidenceLimits.MaxBundleBytes,
                () => new EvidenceTooLargeException(source, "expands to", EvidenceLimits.MaxBundleBytes),
                sha256: true))
            {
                try
                {
                    EvidenceBundle bundle;
                    try
                    {
                        bundle = EvidenceBundleReader.ReadPlain(plain, source, cancellationToken);
                    }
                    catch (EvidenceFormatException unreadable) when (!(unreadable is EvidenceTooLargeException))
                    {
                        // A change on the way explains a damaged bundle better than the damage does.
                        Verify(plain, expected, source);
                        throw;
                    }

                    Verify(plain, expected, source);
                    return bundle;
                }
                catch (InvalidDataException damaged)
                {
                    throw Undecodable(source, damaged);
                }
            }
        }

        // The base64 without the spaces and line breaks a console put into it.
        private static byte[] Decode(byte[] payload, string source)
        {
            var characters = new char[payload.Length];
            var length = 0;
            foreach (var b in payload)
            {
                if (b >= 0x80 || !char.IsWhiteSpace((char)b))
                {
                    characters[length++] = (char)b;
                }
            }

            try
            {
                return Convert.FromBase64CharArray(characters, 0, length);
            }
            catch (FormatException damaged)
            {
                throw Undecodable(source, damaged);
            }
        }

        // Read to the end, which has gzip check its own CRC; then the sum, unless the server had
        // nowhere to compute one.
        private static void Verify(BoundedStream plain, string expected, string source)
        {
            plain.Drain();
            if (expected != CollectorScript.NoChecksum && !string.Equals(plain.Sha256(), expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new EvidenceFormatException($"{source} does not match its checksum: the output was changed on the way. Copy it again, all of it, without changing any character.");
            }
        }

        private static EvidenceFormatException Truncated(string source, string what) =>
            new EvidenceFormatException($"{source} is truncated: the compressed output's {what} is missing. Copy the output again, all of it.");

        private static EvidenceFormatException Undecodable(string source, Exception damaged) =>
            new EvidenceFormatException($"{source} is damaged: the compressed output cannot be decoded ({damaged.Message}). Copy it again, without changing any character.");
    }
}
