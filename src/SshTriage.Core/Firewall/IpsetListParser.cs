using System;
using System.Collections.Generic;
using SshTriage.Net;

namespace SshTriage.Firewall
{
    /// <summary>Reads "ipset list": each set's name and members (an address, prefix or range, then options such as "timeout 0").</summary>
    public static class IpsetListParser
    {
        /// <summary>The sets with their members.</summary>
        public static IEnumerable<(string Name, AddressSet Members)> Parse(string output)
        {
            string? name = null;
            AddressSet? members = null;
            var inMembers = false;
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("Name: ", StringComparison.Ordinal))
                {
                    if (name != null)
                    {
                        yield return (name, members!);
                    }

                    name = line.Substring(6).Trim();
                    members = new AddressSet();
                    inMembers = false;
                }
                else if (line.StartsWith("Members:", StringComparison.Ordinal))
                {
                    inMembers = true;
                }
                else if (inMembers && members != null && line.Length > 0)
                {
                    members.Add(line.Split(' ')[0]);
                }
            }

            if (name != null)
            {
                yield return (name, members!);
            }
        }
    }
}
