using System;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace SshTriage.Evidence
{
    /// <summary>
    /// Unpacks the compressed collector's output: base64 of gzip between a header that carries
    /// the sha256 of the plain output and an end line. A console may wrap, indent or add CRs to
    /// the base64; anything that changes the content itself fails the checksum.
    /// </summary>
    internal static class CompressedEvidence
    {
        /// <summary>Returns the plain collector output when <paramref name="text"/> is compressed; otherwise the text itself.</summary>
        public static string Unpack(string text, string source)
        {
            var start = text.IndexOf(CollectorScript.CompressedHeader, StringComparison.Ordinal);
            if (start < 0)
            {
                return text;
            }

            var lineEnd = text.IndexOf('\n', start);
            var header = (lineEnd < 0 ? text.Substring(start) : text.Substring(start, lineEnd - start)).Trim();
            var sum = header.IndexOf(" sha256=", StringComparison.Ordinal);
            var end = text.IndexOf(CollectorScript.CompressedEnd, start, StringComparison.Ordinal);
            if (sum < 0 || lineEnd < 0 || end < 0)
            {
                throw new EvidenceFormatException($"{source} is truncated: the compressed output's {(sum < 0 ? "checksum" : "last line")} is missing. Copy the output again, all of it.");
            }

            var expected = header.Substring(sum + 8).Trim();
            var payload = new StringBuilder(end - lineEnd);
            foreach (var c in text.Substring(lineEnd + 1, end - lineEnd - 1))
            {
                if (!char.IsWhiteSpace(c))
                {
                    payload.Append(c);
                }
            }

            byte[] plain;
            try
            {
                using (var packed = new MemoryStream(Convert.FromBase64String(payload.ToString())))
                using (var gzip = new GZipStream(packed, CompressionMode.Decompress))
                using (var unpacked = new MemoryStream())
                {
                    gzip.CopyTo(unpacked);
                    plain = unpacked.ToArray();
                }
            }
            catch (Exception damaged) when (damaged is FormatException || damaged is InvalidDataException)
            {
                throw new EvidenceFormatException($"{source} is damaged: the compressed output cannot be decoded ({damaged.Message}). Copy it again, without changing any character.");
            }

            using (var sha = SHA256.Create())
            {
                var actual = BitConverter.ToString(sha.ComputeHash(plain)).Replace("-", string.Empty).ToLowerInvariant();
                if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                {
                    throw new EvidenceFormatException($"{source} does not match its checksum: the output was changed on the way. Copy it again, all of it, without changing any character.");
                }
            }

            return Encoding.UTF8.GetString(plain);
        }
    }
}
