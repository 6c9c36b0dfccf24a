using System;
using System.Collections.Generic;
using System.Net;

namespace SshTriage.Net
{
    /// <summary>
    /// A set of addresses, prefixes and ranges (a firewall set, a chain's sources, a ban list)
    /// that answers "does it hold this address?" by hashing per prefix length and by binary
    /// search over ranges, never by walking every member: sets of 100,000 elements are normal.
    /// </summary>
    public sealed class AddressSet
    {
        private readonly Dictionary<int, HashSet<UInt128>> byLength = new Dictionary<int, HashSet<UInt128>>();
        private readonly List<(UInt128 Low, UInt128 High, bool V6)> ranges = new List<(UInt128, UInt128, bool)>();
        private bool sorted = true;

        /// <summary>How many members were added.</summary>
        public int Count { get; private set; }

        /// <summary>Adds an address, a prefix (a.b.c.d/n) or a range (a-b); returns false for text that is none of these.</summary>
        public bool Add(string member)
        {
            var dash = member.IndexOf('-');
            if (dash > 0 && IPPrefix.TryParse(member.Substring(0, dash), out var low) && IPPrefix.TryParse(member.Substring(dash + 1), out var high)
                && low.IsSingleAddress && high.IsSingleAddress && low.Family == high.Family)
            {
                AddRange(low.Network, high.Network);
                return true;
            }

            if (!IPPrefix.TryParse(member, out var prefix))
            {
                return false;
            }

            Add(prefix);
            return true;
        }

        /// <summary>Adds a prefix or single address.</summary>
        public void Add(IPPrefix prefix)
        {
            var key = (prefix.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 1000 : 0) + prefix.Length;
            if (!byLength.TryGetValue(key, out var networks))
            {
                byLength[key] = networks = new HashSet<UInt128>();
            }

            networks.Add(UInt128.From(prefix.Network));
            Count++;
        }

        /// <summary>Adds the inclusive range <paramref name="low"/> to <paramref name="high"/>.</summary>
        public void AddRange(IPAddress low, IPAddress high)
        {
            var a = IPPrefix.Single(low);
            var b = IPPrefix.Single(high);
            ranges.Add((UInt128.From(a.Network), UInt128.From(b.Network), a.Family == System.Net.Sockets.AddressFamily.InterNetworkV6));
            sorted = false;
            Count++;
        }

        /// <summary>True when any member holds <paramref name="address"/>.</summary>
        public bool Contains(IPAddress address)
        {
            var single = IPPrefix.Single(address);
            var v6 = single.Family == System.Net.Sockets.AddressFamily.InterNetworkV6;
            var value = UInt128.From(single.Network);
            var bits = v6 ? 128 : 32;
            foreach (var pair in byLength)
            {
                if ((pair.Key >= 1000) == v6 && pair.Value.Contains(value.KeepLeading(bits, pair.Key % 1000)))
                {
                    return true;
                }
            }

            return ranges.Count > 0 && InRange(value, v6);
        }

        private bool InRange(UInt128 value, bool v6)
        {
            if (!sorted)
            {
                ranges.Sort((x, y) => x.V6 != y.V6 ? x.V6.CompareTo(y.V6) : x.Low.CompareTo(y.Low));
                sorted = true;
            }

            // The last range starting at or before the value is the only one that can hold it,
            // unless ranges overlap; fall back to the ones before it while they could still reach.
            var lo = 0;
            var hi = ranges.Count - 1;
            var found = -1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                var r = ranges[mid];
                if (r.V6.CompareTo(v6) < 0 || (r.V6 == v6 && r.Low.CompareTo(value) <= 0))
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            for (var i = found; i >= 0 && ranges[i].V6 == v6; i--)
            {
                if (ranges[i].High.CompareTo(value) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An address as a 128-bit unsigned number, for hashing and ordering (netstandard2.0 has no UInt128).</summary>
        private readonly struct UInt128 : IComparable<UInt128>, IEquatable<UInt128>
        {
            private readonly ulong high;
            private readonly ulong low;

            private UInt128(ulong high, ulong low)
            {
                this.high = high;
                this.low = low;
            }

            public static UInt128 From(IPAddress address)
            {
                var bytes = address.GetAddressBytes();
                ulong h = 0, l = 0;
                var padded = new byte[16];
                Array.Copy(bytes, 0, padded, 16 - bytes.Length, bytes.Length);
                for (var i = 0; i < 8; i++)
                {
                    h = (h << 8) | padded[i];
                    l = (l << 8) | padded[i + 8];
                }

                return new UInt128(h, l);
            }

            public int CompareTo(UInt128 other) => high != other.high ? high.CompareTo(other.high) : low.CompareTo(other.low);

            public bool Equals(UInt128 other) => high == other.high && low == other.low;

            public override bool Equals(object? obj) => obj is UInt128 other && Equals(other);

            public override int GetHashCode() => (high ^ (low * 0x9E3779B97F4A7C15UL)).GetHashCode();

            /// <summary>Clears all but the first <paramref name="length"/> of an address's <paramref name="bits"/> bits (addresses are right-aligned).</summary>
            public UInt128 KeepLeading(int bits, int length)
            {
                var clear = bits - length;
                ulong h = high, l = low;
                if (clear >= 64)
                {
                    l = 0;
                    h = clear >= 128 ? 0 : h & (ulong.MaxValue << (clear - 64));
                }
                else if (clear > 0)
                {
                    l &= ulong.MaxValue << clear;
                }

                return new UInt128(h, l);
            }
        }
    }
}
