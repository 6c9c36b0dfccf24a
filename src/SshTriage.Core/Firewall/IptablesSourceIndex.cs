using System;
using System.Collections.Generic;
using SshTriage.Net;

namespace SshTriage.Firewall
{
    /// <summary>
    /// The rules of one chain by the source they begin with, so that finding the rules a packet
    /// may match costs a binary search per prefix length instead of a pass over the chain: a
    /// Fail2Ban chain holds one "-s ADDRESS -j REJECT" rule per ban, and every ban is walked.
    /// </summary>
    internal sealed class IptablesSourceIndex
    {
        // Positions of the rules that begin with no single source: any packet may match them.
        private readonly int[] open;

        // The rules that begin with one source, by that source (family, length, network), then by position.
        private readonly (IPPrefix Source, int Position)[] keyed;

        // The distinct families and lengths of the keyed sources.
        private readonly (System.Net.Sockets.AddressFamily Family, int Length)[] shapes;

        private IptablesSourceIndex(int[] open, (IPPrefix, int)[] keyed, (System.Net.Sockets.AddressFamily, int)[] shapes)
        {
            this.open = open;
            this.keyed = keyed;
            this.shapes = shapes;
        }

        public static IptablesSourceIndex Build(IReadOnlyList<IptablesRule> rules)
        {
            // Counted first, so that each array is made once at its size: a chain of bans is long.
            var keyedCount = 0;
            foreach (var rule in rules)
            {
                keyedCount += rule.LeadingSource.HasValue ? 1 : 0;
            }

            var open = new int[rules.Count - keyedCount];
            var keyed = new (IPPrefix, int)[keyedCount];
            var shapes = new HashSet<(System.Net.Sockets.AddressFamily, int)>();
            int o = 0, k = 0;
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i].LeadingSource is IPPrefix source)
                {
                    keyed[k++] = (source, i);
                    shapes.Add((source.Family, source.Length));
                }
                else
                {
                    open[o++] = i;
                }
            }

            Array.Sort(keyed, (a, b) => Compare(a.Item1, a.Item2, b.Item1, b.Item2));
            return new IptablesSourceIndex(open, keyed, new List<(System.Net.Sockets.AddressFamily, int)>(shapes).ToArray());
        }

        /// <summary>The positions, in chain order, of the rules that do not exclude <paramref name="source"/> by their leading source.</summary>
        public IEnumerable<int> Candidates(IPPrefix source)
        {
            var matching = new List<int>();
            foreach (var (family, length) in shapes)
            {
                if (family != source.Family || length > source.Length)
                {
                    continue;
                }

                var key = source.WithLength(length);
                for (var i = LowerBound(key); i < keyed.Length && keyed[i].Source.Equals(key); i++)
                {
                    matching.Add(keyed[i].Position);
                }
            }

            matching.Sort();
            int a = 0, b = 0;
            while (a < open.Length || b < matching.Count)
            {
                yield return b == matching.Count || (a < open.Length && open[a] < matching[b]) ? open[a++] : matching[b++];
            }
        }

        private int LowerBound(IPPrefix key)
        {
            int lo = 0, hi = keyed.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (Compare(keyed[mid].Source, keyed[mid].Position, key, -1) < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        private static int Compare(IPPrefix a, int aPosition, IPPrefix b, int bPosition)
        {
            // The families as numbers: an enum's own CompareTo boxes both, on every comparison of a sort.
            var order = ((int)a.Family).CompareTo((int)b.Family);
            order = order != 0 ? order : a.Length.CompareTo(b.Length);
            order = order != 0 ? order : a.Value.CompareTo(b.Value);
            return order != 0 ? order : aPosition.CompareTo(bPosition);
        }
    }
}
