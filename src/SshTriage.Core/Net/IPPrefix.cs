using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SshTriage.Net
{
    /// <summary>An address with a prefix length (198.51.100.0/24, 2001:db8::/32); a bare address is a /32 or /128.</summary>
    public readonly struct IPPrefix : IEquatable<IPPrefix>
    {
        private readonly byte[] network;

        private IPPrefix(byte[] network, int length, AddressFamily family)
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
        public IPAddress Network => new IPAddress(network);

        /// <summary>True for a single address (/32 or /128).</summary>
        public bool IsSingleAddress => Length == network.Length * 8;

        /// <summary>A prefix that holds exactly <paramref name="address"/>; IPv4-mapped IPv6 is read as IPv4.</summary>
        public static IPPrefix Single(IPAddress address)
        {
            var plain = Plain(address);
            var bytes = plain.GetAddressBytes();
            return new IPPrefix(bytes, bytes.Length * 8, plain.AddressFamily);
        }

        /// <summary>Parses "address" or "address/length"; host bits are cleared.</summary>
        public static bool TryParse(string? text, out IPPrefix prefix)
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

            Mask(bytes, length);
            prefix = new IPPrefix(bytes, length, plain.AddressFamily);
            return true;
        }

        /// <summary>Parses or throws FormatException with a message that says what is wrong.</summary>
        public static IPPrefix Parse(string text) =>
            TryParse(text, out var prefix) ? prefix : throw new FormatException($"'{text}' is not an IP address or prefix such as 198.51.100.7, 198.51.100.0/24 or 2001:db8::/64.");

        /// <summary>The prefix of <paramref name="length"/> bits that holds this one's first address.</summary>
        public IPPrefix WithLength(int length)
        {
            if (length < 0 || length > network.Length * 8)
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }

            var bytes = (byte[])network.Clone();
            Mask(bytes, length);
            return new IPPrefix(bytes, length, Family);
        }

        /// <summary>True when <paramref name="address"/> lies inside the prefix.</summary>
        public bool Contains(IPAddress address)
        {
            var plain = Plain(address);
            return plain.AddressFamily == Family && StartsWith(plain.GetAddressBytes(), network, Length);
        }

        /// <summary>True when every address of <paramref name="other"/> lies inside this prefix.</summary>
        public bool Contains(IPPrefix other) => other.Family == Family && other.Length >= Length && StartsWith(other.network, network, Length);

        /// <inheritdoc />
        public override string ToString() => IsSingleAddress ? Network.ToString() : $"{Network}/{Length}";

        /// <inheritdoc />
        public bool Equals(IPPrefix other) => Family == other.Family && Length == other.Length && StartsWith(network ?? Array.Empty<byte>(), other.network ?? Array.Empty<byte>(), Length);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is IPPrefix other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => ToString().GetHashCode();

        private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

        private static void Mask(byte[] bytes, int length)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var keep = Math.Max(0, Math.Min(8, length - (i * 8)));
                bytes[i] &= (byte)(0xFF << (8 - keep));
            }
        }

        private static bool StartsWith(byte[] address, byte[] prefix, int length)
        {
            if (address.Length != prefix.Length)
            {
                return false;
            }

            var whole = length / 8;
            for (var i = 0; i < whole; i++)
            {
                if (address[i] != prefix[i])
                {
                    return false;
                }
            }

            var rest = length % 8;
            return rest == 0 || (address[whole] & (0xFF << (8 - rest)) & 0xFF) == prefix[whole];
        }
    }
}
