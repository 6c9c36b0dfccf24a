using System.Collections.Generic;
using System.Net;

namespace SshTriage.Net
{
    /// <summary>
    /// A set of addresses, prefixes and ranges (a firewall set, a chain's sources, a ban list)
    /// that answers "does it hold this address?" by binary search, per prefix length and over
    /// ranges, never by walking every member: sets of 100,000 elements are normal. Networks are
    /// kept as a sorted list (16 bytes each) rather than hashed, which would take two to three
    /// times that, and as much again in garbage while the table grows.
    /// </summary>
    public sealed class AddressSet
    {
        private readonly Dictionary<int, List<AddressValue>> byLength = new Dictionary<int, List<AddressValue>>();
        private readonly List<(AddressValue Low, AddressValue High, bool V6)> ranges = new List<(AddressValue, AddressValue, bool)>();
        private bool sorted = true;
        private bool networksSorted = true;

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
                byLength[key] = networks = new List<AddressValue>();
            }

            networks.Add(prefix.Value);
            networksSorted = false;
            Count++;
        }

        /// <summary>Adds the inclusive range <paramref name="low"/> to <paramref name="high"/>.</summary>
        public void AddRange(IPAddress low, IPAddress high)
        {
            var a = IPPrefix.Single(low);
            var b = IPPrefix.Single(high);
            ranges.Add((a.Value, b.Value, a.Family == System.Net.Sockets.AddressFamily.InterNetworkV6));
            sorted = false;
            Count++;
        }

        /// <summary>True when any member holds <paramref name="address"/>.</summary>
        public bool Contains(IPAddress address)
        {
            var single = IPPrefix.Single(address);
            var v6 = single.Family == System.Net.Sockets.AddressFamily.InterNetworkV6;
            var value = single.Value;
            var bits = v6 ? 128 : 32;
            if (!networksSorted)
            {
                foreach (var networks in byLength.Values)
                {
                    networks.Sort();
                }

                networksSorted = true;
            }

            foreach (var pair in byLength)
            {
                if ((pair.Key >= 1000) == v6 && pair.Value.BinarySearch(value.KeepLeading(bits, pair.Key % 1000)) >= 0)
                {
                    return true;
                }
            }

            return ranges.Count > 0 && InRange(value, v6);
        }

        private bool InRange(AddressValue value, bool v6)
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
    }
}
