using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using SshTriage.Text;

namespace SshTriage.Net
{
    /// <summary>An address with a prefix length (198.51.100.0/24, 2001:db8::/32); a bare address is a /32 or /128.</summary>
    public readonly struct IPPrefix : IEquatable<IPPrefix>
    {
        private readonly AddressValue network;

        private IPPrefix(AddressValue network, int length, AddressFamily family)
        {
            this.network = network;
            Length = length;
            Family = family;
        }

        /// <summary>The number of leading bits that must match.</summary>
        public int Length { get; }

        /// <summary>InterNetwork or InterNetworkV6.</summary>
        public AddressFamily Family { get; }

        /// <summary>The first address of the prefix.</summary>
        public IPAddress Network => new IPAddress(network.ToBytes(Bits / 8));

        /// <summary>True for a single address (/32 or /128).</summary>
        public bool IsSingleAddress => Length == Bits;

        /// <summary>The first address as a number, for hashing without building an IPAddress.</summary>
        internal AddressValue Value => network;

        /// <summary>The prefix of <paramref name="length"/> bits from <paramref name="network"/>, as <see cref="Value"/>, <see cref="Length"/> and <see cref="Family"/> gave them.</summary>
        internal static IPPrefix Of(AddressValue network, int length, AddressFamily family) => new IPPrefix(network, length, family);

        private int Bits => Family == AddressFamily.InterNetwork ? 32 : 128;

        /// <summary>A prefix that holds exactly <paramref name="address"/>; IPv4-mapped IPv6 is read as IPv4.</summary>
        public static IPPrefix Single(IPAddress address)
        {
            var plain = Plain(address);
            var bytes = plain.GetAddressBytes();
            return new IPPrefix(AddressValue.From(bytes), bytes.Length * 8, plain.AddressFamily);
        }

        /// <summary>Parses "address" or "address/length"; host bits are cleared.</summary>
        public static bool TryParse(string? text, out IPPrefix prefix) =>
            (text != null && TryParsePlain(new StringText(text), 0, text.Length, out prefix)) || TryParseAny(text, out prefix);

        /// <summary>Parses or throws FormatException with a message that says what is wrong.</summary>
        public static IPPrefix Parse(string text) =>
            TryParse(text, out var prefix) ? prefix : throw new FormatException($"'{text}' is not an IP address or prefix such as 198.51.100.7, 198.51.100.0/24 or 2001:db8::/64.");

        /// <summary>
        /// Parses the characters from <paramref name="start"/> to <paramref name="end"/> of
        /// <paramref name="text"/> as <see cref="TryParse(string?, out IPPrefix)"/> does, without
        /// cutting them out first when they are a plain address: a firewall dump holds 100,000.
        /// </summary>
        internal static bool TryParse<T>(T text, int start, int end, out IPPrefix prefix)
            where T : IText =>
            TryParsePlain(text, start, end, out prefix) || TryParseAny(text.Substring(start, end - start), out prefix);

        /// <summary>The prefix of <paramref name="length"/> bits that holds this one's first address.</summary>
        public IPPrefix WithLength(int length)
        {
            if (length < 0 || length > Bits)
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }

            return new IPPrefix(network.KeepLeading(Bits, length), length, Family);
        }

        /// <summary>True when <paramref name="address"/> lies inside the prefix.</summary>
        public bool Contains(IPAddress address) => Contains(Single(address));

        /// <summary>True when every address of <paramref name="other"/> lies inside this prefix.</summary>
        public bool Contains(IPPrefix other) =>
            other.Family == Family && other.Length >= Length && other.network.KeepLeading(Bits, Length).Equals(network);

        /// <inheritdoc />
        public override string ToString() => IsSingleAddress ? Network.ToString() : $"{Network}/{Length}";

        /// <inheritdoc />
        public bool Equals(IPPrefix other) => Family == other.Family && Length == other.Length && network.Equals(other.network);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is IPPrefix other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => network.GetHashCode() ^ (Length << 8) ^ (int)Family;

        private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

        // Every form a person may type: brackets, spaces around, a zone index, IPv4-mapped IPv6.
        private static bool TryParseAny(string? text, out IPPrefix prefix)
        {
            prefix = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            var parts = text!.Trim().Split('/');
            if (parts.Length > 2 || !Probing.ComputerNameParser.TryParse(parts[0], out var address, out _) || address == null)
            {
                return false;
            }

            var plain = Plain(address);
            var bytes = plain.GetAddressBytes();
            var length = bytes.Length * 8;
            if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > bytes.Length * 8 || parts[1].Length > 3))
            {
                return false;
            }

            prefix = new IPPrefix(AddressValue.From(bytes).KeepLeading(bytes.Length * 8, length), length, plain.AddressFamily);
            return true;
        }

        // The forms firewalls print: a dotted quad without leading zeros, or IPv6 in hex groups
        // with at most one "::", either with "/length". It answers false for anything else
        // (brackets, spaces, zones, embedded or mapped IPv4) and leaves that to TryParseAny, so
        // whatever it accepts, TryParseAny would have read the same way.
        [MethodImpl(Optimized.AtOnce)]
        private static bool TryParsePlain<T>(T text, int start, int end, out IPPrefix prefix)
            where T : IText
        {
            prefix = default;
            var slash = text.IndexOf('/', start, end - start);
            var addressEnd = slash < 0 ? end : slash;
            AddressValue value;
            int bits;
            if (text.IndexOf(':', start, addressEnd - start) >= 0)
            {
                if (!TryParseIPv6(text, start, addressEnd, out value) || (value.High == 0 && value.Low >> 32 == 0xFFFF))
                {
                    return false;
                }

                bits = 128;
            }
            else
            {
                if (!TryParseIPv4(text, start, addressEnd, out value))
                {
                    return false;
                }

                bits = 32;
            }

            var length = bits;
            if (slash >= 0 && !TryParseLength(text, slash + 1, end, bits, out length))
            {
                return false;
            }

            prefix = new IPPrefix(value.KeepLeading(bits, length), length, bits == 32 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6);
            return true;
        }

        [MethodImpl(Optimized.AtOnce)]

        private static bool TryParseIPv4<T>(T text, int start, int end, out AddressValue value)
            where T : IText
        {
            value = default;
            ulong result = 0;
            var octets = 0;
            var i = start;
            while (octets < 4)
            {
                var digits = 0;
                var octet = 0;
                while (i < end && text[i] >= '0' && text[i] <= '9' && digits < 4)
                {
                    octet = (octet * 10) + (text[i] - '0');
                    digits++;
                    i++;
                }

                if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && text[i - digits] == '0'))
                {
                    return false;
                }

                result = (result << 8) | (uint)octet;
                octets++;
                if (octets < 4)
                {
                    if (i >= end || text[i] != '.')
                    {
                        return false;
                    }

                    i++;
                }
            }

            value = new AddressValue(0, result);
            return i == end;
        }

        [MethodImpl(Optimized.AtOnce)]

        private static bool TryParseIPv6<T>(T text, int start, int end, out AddressValue value)
            where T : IText
        {
            value = default;
            ulong headHigh = 0, headLow = 0, tailHigh = 0, tailLow = 0;
            int head = 0, tail = 0;
            var compressed = false;
            var i = start;
            if (end - start >= 2 && text[start] == ':' && text[start + 1] == ':')
            {
                compressed = true;
                i += 2;
            }

            while (i < end)
            {
                var group = 0;
                var digits = 0;
                for (; i < end && digits < 5; i++, digits++)
                {
                    // Letters are lower-cased by the 0x20 bit.
                    var c = text[i];
                    var digit = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
                    if (digit < 0)
                    {
                        break;
                    }

                    group = (group << 4) | digit;
                }

                if (digits == 0 || digits > 4 || head + tail == 8)
                {
                    return false;
                }

                if (compressed)
                {
                    Append(ref tailHigh, ref tailLow, group);
                    tail++;
                }
                else
                {
                    Append(ref headHigh, ref headLow, group);
                    head++;
                }

                if (i == end)
                {
                    break;
                }

                if (text[i] != ':' || i + 1 == end)
                {
                    return false;
                }

                i++;
                if (text[i] == ':')
                {
                    if (compressed)
                    {
                        return false;
                    }

                    compressed = true;
                    i++;
                }
            }

            if (compressed ? head + tail > 7 : head != 8)
            {
                return false;
            }

            // The groups before "::" lead: shift them past the ones it stands for and the ones after it.
            for (var shift = head; shift < 8; shift++)
            {
                Append(ref headHigh, ref headLow, 0);
            }

            value = new AddressValue(headHigh | tailHigh, headLow | tailLow);
            return true;
        }

        private static void Append(ref ulong high, ref ulong low, int group)
        {
            high = (high << 16) | (low >> 48);
            low = (low << 16) | (uint)group;
        }

        [MethodImpl(Optimized.AtOnce)]

        private static bool TryParseLength<T>(T text, int start, int end, int bits, out int length)
            where T : IText
        {
            length = 0;
            if (end - start < 1 || end - start > 3)
            {
                return false;
            }

            for (var i = start; i < end; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }

                length = (length * 10) + (text[i] - '0');
            }

            return length <= bits;
        }
    }
}
