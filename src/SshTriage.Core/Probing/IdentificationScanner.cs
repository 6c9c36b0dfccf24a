using System;
using System.Collections.Generic;
using System.Text;

namespace SshTriage.Probing
{
    /// <summary>How a banner read ended when no identification line arrived.</summary>
    internal enum ReadEnd
    {
        /// <summary>The peer closed the connection (FIN or reset).</summary>
        Closed,

        /// <summary>The peer stayed silent or kept talking without an identification line until the timeout.</summary>
        TimedOut,
    }

    /// <summary>What the bytes a peer sent say about it.</summary>
    internal enum ScanVerdict
    {
        /// <summary>Not decided yet: read more.</summary>
        NeedMore,

        /// <summary>An SSH identification line arrived.</summary>
        Identified,

        /// <summary>The peer is not an SSH server.</summary>
        NotSsh,
    }

    /// <summary>
    /// Reads what a server sends before its SSH identification line. RFC 4253 §4.2 allows a server
    /// to send lines of text first; sshd uses that to say why it drops a connection ("Exceeded
    /// MaxStartups", "Not allowed at this time"). Anything that is not such text, or a foreign
    /// protocol's greeting, marks the peer as not SSH.
    /// </summary>
    internal sealed class IdentificationScanner
    {
        /// <summary>Longest run of pre-identification data accepted before the peer is judged not SSH.</summary>
        internal const int MaxBytes = 8192;

        /// <summary>Most characters of received text kept in a result.</summary>
        internal const int MaxTextInResult = 1024;

        private static readonly string[] ForeignGreetings = { "HTTP/", "<", "{", "220 ", "220-", "+OK", "* OK", "RFB ", "-ERR" };

        private readonly List<byte> received = new List<byte>();
        private readonly List<string> preBannerLines = new List<string>();
        private int lineStart;
        private byte[] afterIdentification = Array.Empty<byte>();

        /// <summary>The identification line once the verdict is Identified.</summary>
        public SshIdentification? Identification { get; private set; }

        /// <summary>The current verdict.</summary>
        public ScanVerdict Verdict { get; private set; } = ScanVerdict.NeedMore;

        /// <summary>The bytes of the read that came after the identification line: the start of the binary packet protocol.</summary>
        public byte[] AfterIdentification => afterIdentification;

        /// <summary>True once any byte has arrived.</summary>
        public bool HasData => received.Count > 0;

        /// <summary>Adds bytes from the peer and returns the verdict so far.</summary>
        public ScanVerdict Feed(byte[] buffer, int count)
        {
            if (Verdict != ScanVerdict.NeedMore)
            {
                return Verdict;
            }

            for (var i = 0; i < count; i++)
            {
                var b = buffer[i];
                received.Add(b);
                if (IsForbiddenByte(b))
                {
                    Verdict = ScanVerdict.NotSsh;
                }
                else if (b == (byte)'\n')
                {
                    CompleteLine();
                }

                if (Verdict == ScanVerdict.NotSsh)
                {
                    // Keep the rest of this read: it shows the user what answered.
                    KeepRest(buffer, i + 1, count);
                    return Verdict;
                }

                if (Verdict == ScanVerdict.Identified)
                {
                    afterIdentification = new byte[count - i - 1];
                    Array.Copy(buffer, i + 1, afterIdentification, 0, afterIdentification.Length);
                    return Verdict;
                }
            }

            if (received.Count - lineStart >= 4 && StartsWithForeignGreeting(CurrentPartialLine()))
            {
                return Verdict = ScanVerdict.NotSsh;
            }

            if (received.Count > MaxBytes)
            {
                return Verdict = ScanVerdict.NotSsh;
            }

            return Verdict;
        }

        /// <summary>
        /// Decides after the read ended without an identification line: text and then a close is
        /// sshd explaining a drop; data and no close is some other service.
        /// </summary>
        public SshPortStatus Conclude(ReadEnd end)
        {
            if (Verdict == ScanVerdict.Identified)
            {
                return SshPortStatus.Open;
            }

            if (Verdict == ScanVerdict.NotSsh)
            {
                return SshPortStatus.NotSsh;
            }

            if (!HasData)
            {
                return end == ReadEnd.Closed ? SshPortStatus.ClosedBeforeBanner : SshPortStatus.TimedOut;
            }

            if (end == ReadEnd.TimedOut || !IsUtf8(received.ToArray()))
            {
                return SshPortStatus.NotSsh;
            }

            return SshPortStatus.ClosedBeforeBanner;
        }

        /// <summary>The text lines that came before the identification line, or everything received when there was none.</summary>
        public string? ReceivedText()
        {
            if (Verdict == ScanVerdict.Identified)
            {
                return preBannerLines.Count == 0 ? null : Truncate(string.Join("\n", preBannerLines));
            }

            if (!HasData)
            {
                return null;
            }

            return Truncate(Printable(Encoding.UTF8.GetString(received.ToArray())).TrimEnd('\n'));
        }

        private void KeepRest(byte[] buffer, int from, int count)
        {
            for (var i = from; i < count && received.Count < MaxBytes; i++)
            {
                received.Add(buffer[i]);
            }
        }

        private void CompleteLine()
        {
            var length = received.Count - lineStart - 1;
            if (length > 0 && received[lineStart + length - 1] == (byte)'\r')
            {
                length--;
            }

            var bytes = received.GetRange(lineStart, length).ToArray();
            lineStart = received.Count;
            if (!IsUtf8(bytes))
            {
                Verdict = ScanVerdict.NotSsh;
                return;
            }

            var line = Encoding.UTF8.GetString(bytes);
            if (line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                Identification = SshIdentification.Parse(line);
                Verdict = Identification == null ? ScanVerdict.NotSsh : ScanVerdict.Identified;
                return;
            }

            if (StartsWithForeignGreeting(line))
            {
                Verdict = ScanVerdict.NotSsh;
                return;
            }

            preBannerLines.Add(line);
        }

        private string CurrentPartialLine()
        {
            var bytes = received.GetRange(lineStart, Math.Min(received.Count - lineStart, 16)).ToArray();
            return Encoding.ASCII.GetString(bytes);
        }

        private static bool StartsWithForeignGreeting(string line)
        {
            foreach (var greeting in ForeignGreetings)
            {
                if (line.StartsWith(greeting, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        // Control characters other than tab, CR and LF never appear in the text sshd sends before its banner.
        private static bool IsForbiddenByte(byte b) => (b < 0x20 && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') || b == 0x7F;

        private static bool IsUtf8(byte[] bytes)
        {
            try
            {
                new UTF8Encoding(false, true).GetString(bytes);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        // Keeps what the peer sent readable and safe to show: control characters become \xNN escapes.
        private static string Printable(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (c == '\r')
                {
                    continue;
                }

                if (c == '\n' || c == '\t' || !char.IsControl(c))
                {
                    builder.Append(c);
                }
                else
                {
                    builder.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        private static string Truncate(string text) => text.Length <= MaxTextInResult ? text : text.Substring(0, MaxTextInResult) + "…";
    }
}
