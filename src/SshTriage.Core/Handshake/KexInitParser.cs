using System.Collections.Generic;
using System.Text;

namespace SshTriage.Handshake
{
    /// <summary>Reads the payload of an SSH_MSG_KEXINIT (RFC 4253 §7.1) into an <see cref="SshKexInit"/>.</summary>
    internal static class KexInitParser
    {
        /// <summary>The message number of SSH_MSG_KEXINIT.</summary>
        public const byte MessageNumber = 20;

        private const int CookieLength = 16;

        // Far above any real list (OpenSSH's longest is under 1 KiB), so garbage cannot make a huge string.
        private const int MaxNameListLength = 16 * 1024;

        /// <summary>Parses <paramref name="payload"/>; null with <paramref name="problem"/> set when it is not a well-formed KEXINIT.</summary>
        public static SshKexInit? TryParse(byte[] payload, out string? problem)
        {
            problem = null;
            if (payload.Length == 0 || payload[0] != MessageNumber)
            {
                problem = payload.Length == 0 ? "the packet is empty" : $"message {payload[0]} instead of KEXINIT ({MessageNumber})";
                return null;
            }

            var offset = 1 + CookieLength;
            var lists = new IReadOnlyList<string>[10];
            for (var i = 0; i < lists.Length; i++)
            {
                var list = ReadNameList(payload, ref offset);
                if (list == null)
                {
                    problem = $"name-list {i + 1} of 10 is cut short or malformed";
                    return null;
                }

                lists[i] = list;
            }

            // boolean first_kex_packet_follows, then uint32 reserved.
            if (offset + 5 > payload.Length)
            {
                problem = "the message ends before first_kex_packet_follows";
                return null;
            }

            return new SshKexInit(lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6], lists[7], payload[offset] != 0);
        }

        private static IReadOnlyList<string>? ReadNameList(byte[] payload, ref int offset)
        {
            if (offset + 4 > payload.Length)
            {
                return null;
            }

            var length = (payload[offset] << 24) | (payload[offset + 1] << 16) | (payload[offset + 2] << 8) | payload[offset + 3];
            offset += 4;
            if (length < 0 || length > MaxNameListLength || offset + length > payload.Length)
            {
                return null;
            }

            var names = new List<string>();
            if (length > 0)
            {
                foreach (var name in Encoding.ASCII.GetString(payload, offset, length).Split(','))
                {
                    if (name.Length == 0 || !IsPrintableAscii(name))
                    {
                        return null;
                    }

                    names.Add(name);
                }
            }

            offset += length;
            return names;
        }

        private static bool IsPrintableAscii(string name)
        {
            foreach (var c in name)
            {
                if (c <= ' ' || c > '~')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
