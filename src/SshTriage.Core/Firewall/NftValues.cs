using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using SshTriage.Json;
using SshTriage.Net;

namespace SshTriage.Firewall
{
    /// <summary>
    /// The right side of a match, an anonymous set, or a named set's elements, indexed so that a
    /// lookup never walks the elements: addresses by prefix hashing, numbers by binary search over
    /// merged ranges, names by hashing.
    /// </summary>
    internal sealed class NftValues
    {
        private HashSet<string>? names;
        private AddressSet? addresses;

        // Most rules match one prefix: it is kept as such, and becomes an AddressSet with a second element.
        private IPPrefix? single;
        private List<(long Low, long High)>? ranges;
        private List<string>? interfacePrefixes;

        public NftValues(NftValueKind kind)
        {
            Kind = kind;
        }

        public NftValueKind Kind { get; }

        /// <summary>Some element could not be read: a lookup that finds nothing cannot say "no".</summary>
        public bool Partial { get; private set; }

        /// <summary>The right side was a JSON array: flags combined (ct state established,related).</summary>
        public bool IsFlagList { get; set; }

        public int Count { get; private set; }

        public AddressSet? Addresses => addresses;

        public IEnumerable<string> Names => (IEnumerable<string>?)names ?? Array.Empty<string>();

        /// <summary>Every element names the loopback interface, and nothing else.</summary>
        public bool OnlyLoopback => !Partial && interfacePrefixes == null && names != null && names.Count == 1 && names.Contains("lo");

        public void Add(JsonValue element)
        {
            Count++;
            if (element.Kind == JsonKind.Object && element["elem"] is JsonValue elem)
            {
                element = elem["val"] ?? JsonValue.Null;
            }

            var ok = Kind switch
            {
                NftValueKind.Address => AddAddress(element),
                NftValueKind.Number => AddNumber(element),
                NftValueKind.Interface => AddInterface(element),
                _ => AddName(element),
            };
            Partial |= !ok;
        }

        /// <summary>Sorts and merges number ranges, and indexes a lone address when <paramref name="indexAddresses"/> (a named set shows its AddressSet); call once, after the last Add.</summary>
        public void Seal(bool indexAddresses = false)
        {
            if (indexAddresses && single != null)
            {
                Index();
            }

            if (ranges == null || ranges.Count < 2)
            {
                return;
            }

            ranges.Sort((x, y) => x.Low.CompareTo(y.Low));
            var merged = new List<(long Low, long High)> { ranges[0] };
            for (var i = 1; i < ranges.Count; i++)
            {
                var last = merged[merged.Count - 1];
                if (ranges[i].Low <= last.High + 1)
                {
                    merged[merged.Count - 1] = (last.Low, Math.Max(last.High, ranges[i].High));
                }
                else
                {
                    merged.Add(ranges[i]);
                }
            }

            ranges = merged;
        }

        public Tri ContainsAddress(IPAddress address) =>
            Found(addresses != null ? addresses.Contains(address) : single is IPPrefix prefix && prefix.Contains(address));

        public Tri ContainsNumber(long value)
        {
            if (ranges == null)
            {
                return Found(false);
            }

            var lo = 0;
            var hi = ranges.Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                if (value < ranges[mid].Low)
                {
                    hi = mid - 1;
                }
                else if (value > ranges[mid].High)
                {
                    lo = mid + 1;
                }
                else
                {
                    return Tri.True;
                }
            }

            return Found(false);
        }

        public Tri ContainsName(string name) => Found(names != null && names.Contains(name));

        public Tri ContainsInterface(string name)
        {
            if (names != null && names.Contains(name))
            {
                return Tri.True;
            }

            // Wildcards (eth*) are few, a handful per rule at most.
            if (interfacePrefixes != null)
            {
                foreach (var prefix in interfacePrefixes)
                {
                    if (name.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return Tri.True;
                    }
                }
            }

            return Found(false);
        }

        /// <summary>The canonical name of an IP protocol number, as nft and the packet query spell it.</summary>
        public static string ProtocolName(long number)
        {
            switch (number)
            {
                case 1:
                    return "icmp";
                case 6:
                    return "tcp";
                case 17:
                    return "udp";
                case 33:
                    return "dccp";
                case 58:
                    return "ipv6-icmp";
                case 132:
                    return "sctp";
                case 136:
                    return "udplite";
                default:
                    return number.ToString(CultureInfo.InvariantCulture);
            }
        }

        private Tri Found(bool found) => found ? Tri.True : Partial ? Tri.Unknown : Tri.False;

        private bool AddAddress(JsonValue element)
        {
            if (element.StringValue is string text)
            {
                return IPPrefix.TryParse(text, out var address) ? AddPrefix(address) : Index().Add(text);
            }

            if (element["prefix"] is JsonValue prefix && prefix["addr"]?.StringValue is string network && prefix["len"] is JsonValue length && length.TryGetInt64(out var bits))
            {
                return IPPrefix.TryParse(network + "/" + bits.ToString(CultureInfo.InvariantCulture), out var parsed) && AddPrefix(parsed);
            }

            if (element["range"] is JsonValue range && range.Count == 2
                && IPPrefix.TryParse(range[0].StringValue, out var low) && IPPrefix.TryParse(range[1].StringValue, out var high)
                && low.IsSingleAddress && high.IsSingleAddress && low.Family == high.Family)
            {
                Index().AddRange(low.Network, high.Network);
                return true;
            }

            return false;
        }

        private bool AddPrefix(IPPrefix prefix)
        {
            if (addresses == null && single == null && Count == 1)
            {
                single = prefix;
            }
            else
            {
                Index().Add(prefix);
            }

            return true;
        }

        private AddressSet Index()
        {
            if (addresses == null)
            {
                addresses = new AddressSet();
                if (single is IPPrefix prefix)
                {
                    addresses.Add(prefix);
                    single = null;
                }
            }

            return addresses;
        }

        private bool AddNumber(JsonValue element)
        {
            if (Number(element) is long single)
            {
                AddRange(single, single);
                return true;
            }

            if (element["range"] is JsonValue range && range.Count == 2 && Number(range[0]) is long low && Number(range[1]) is long high && low <= high)
            {
                AddRange(low, high);
                return true;
            }

            return false;
        }

        private void AddRange(long low, long high) => (ranges ??= new List<(long, long)>()).Add((low, high));

        private bool AddInterface(JsonValue element)
        {
            if (element.StringValue is not string name)
            {
                return false;
            }

            // nft prints a wildcard as a trailing *, and a literal star as \*.
            if (name.EndsWith("*", StringComparison.Ordinal) && !name.EndsWith("\\*", StringComparison.Ordinal))
            {
                (interfacePrefixes ??= new List<string>()).Add(name.Substring(0, name.Length - 1));
            }
            else
            {
                (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name.Replace("\\*", "*"));
            }

            return true;
        }

        private bool AddName(JsonValue element)
        {
            var name = element.StringValue ?? element.NumberText;
            if (name == null)
            {
                return false;
            }

            if (Kind == NftValueKind.Protocol)
            {
                name = element.TryGetInt64(out var number) ? ProtocolName(number) : name.ToLowerInvariant();
            }
            else if (Kind == NftValueKind.Family)
            {
                // nfproto numbers (2, 10), ethertypes (0x0800, 0x86dd) and names, as meta nfproto and meta protocol print them.
                name = name == "ip" || name == "2" || name == "2048" ? "ipv4" : name == "ip6" || name == "10" || name == "34525" ? "ipv6" : name;
            }

            (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            return true;
        }

        private static long? Number(JsonValue element)
        {
            if (element.TryGetInt64(out var number))
            {
                return number;
            }

            return element.StringValue is string text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number : (long?)null;
        }
    }
}
