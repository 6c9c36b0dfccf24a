using System;
using System.Collections.Generic;
using System.Linq;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Firewall;
using SshTriage.Net;

namespace SshTriage.Fail2Ban
{
    /// <summary>Get-Fail2BanJail's and Get-Fail2BanBan's reading of the evidence.</summary>
    public sealed class Fail2BanReader
    {
        private readonly IReadOnlyList<string> names;
        private readonly IPPrefix? address;

        /// <summary>Creates a reader for jails matching <paramref name="names"/> (wildcards; none = all) and bans inside <paramref name="address"/>.</summary>
        public Fail2BanReader(IEnumerable<string>? names, IPPrefix? address = null)
        {
            this.names = names?.ToList() ?? new List<string>();
            this.address = address;
        }

        /// <summary>The jails the evidence shows, with errors for names that match none.</summary>
        public IEnumerable<object> ReadJails(ServerEvidence evidence)
        {
            return Read(evidence, (jail, answers) => new object[] { JailParser.Parse(evidence.ComputerName, jail, answers) });
        }

        /// <summary>One Fail2BanBan per banned address, with whether the firewall enforces it.</summary>
        public IEnumerable<object> ReadBans(ServerEvidence evidence) => ReadBans(evidence, new Lazy<FirewallEvidence>(() => FirewallEvidence.Read(evidence)));

        /// <summary>As <see cref="ReadBans(ServerEvidence)"/>, over firewall rules already read from the evidence.</summary>
        internal IEnumerable<object> ReadBans(ServerEvidence evidence, Lazy<FirewallEvidence> rules)
        {
            var firewall = new Lazy<BanEnforcementQuery>(() => new BanEnforcementQuery(evidence, rules.Value));
            var offset = evidence.Facts.UtcOffset ?? TimeSpan.Zero;
            return Read(evidence, (jailName, answers) =>
            {
                var jail = JailParser.Parse(evidence.ComputerName, jailName, answers, withBannedIp: false);
                var timed = answers.FirstOrDefault(a => a.Query == $"get {jailName} banip --with-time" && a.ExitCode == 0);
                var bans = new List<(System.Net.IPAddress Address, DateTime? BannedAt, DateTime? ExpiresAt)>(Expected(jail, timed));
                if (timed != null)
                {
                    bans.AddRange(JailParser.BansWithTime(timed.Place.Text, timed.Place.Start, timed.Place.Length));
                }

                // Fail2Ban before 0.11 has no --with-time: the status list is all there is. A timed
                // list as long as the status's count holds every ban: the status list is not read again.
                if (timed == null || bans.Count != jail.CurrentlyBanned)
                {
                    var timedAddresses = new HashSet<System.Net.IPAddress>(bans.Select(b => b.Address));
                    foreach (var ip in JailParser.BannedIp(jailName, answers))
                    {
                        if (System.Net.IPAddress.TryParse(ip, out var parsed) && timedAddresses.Add(parsed))
                        {
                            bans.Add((parsed, null, null));
                        }
                    }
                }

                return bans
                    .Where(b => address == null || address.Value.Contains(b.Address))
                    .Select(b =>
                    {
                        var (enforcement, objectName) = firewall.Value.Check(jailName, jail.BanAction, jail.Port, b.Address);
                        return (object)new Fail2BanBan(evidence.ComputerName, jailName, b.Address)
                        {
                            BannedAt = b.BannedAt.HasValue ? new DateTimeOffset(b.BannedAt.Value, offset) : (DateTimeOffset?)null,
                            ExpiresAt = b.ExpiresAt.HasValue ? new DateTimeOffset(b.ExpiresAt.Value, offset) : (DateTimeOffset?)null,
                            Enforcement = enforcement,
                            EnforcedBy = objectName,
                            BanAction = jail.BanAction,
                        };
                    });
            });
        }

        // How many bans the timed list holds, to make their list once at its size (one of 100,000
        // bans, grown by doubling, leaves as much again behind): the status's count, but never
        // more than lines of the shortest ban ("ADDRESS \tDATE TIME + SECONDS = DATE TIME", 47
        // characters and more) fit in the answer, whatever count a damaged status claims.
        private static int Expected(Fail2BanJail jail, ToolAnswer? timed) =>
            timed == null ? 0 : Math.Max(0, Math.Min(jail.CurrentlyBanned ?? 0, (timed.Place.Length / 47) + 1));

        private IEnumerable<object> Read(ServerEvidence evidence, Func<string, IReadOnlyList<ToolAnswer>, IEnumerable<object>> perJail)
        {
            var record = evidence.Bundle[Fail2BanSections.Names.Fail2Ban];
            var output = record == null || record.MissingTool != null ? null : FramedOutput.Parse(record);
            var problem = Fail2BanErrors.Check(evidence, record, output);
            if (problem != null)
            {
                yield return problem;
                yield break;
            }

            if (output == null)
            {
                yield break;
            }

            var jails = output.Jails.Select(j => j.Jail).ToArray();
            foreach (var name in names.Where(n => !Wildcard.HasWildcard(n) && !jails.Any(j => string.Equals(j, n, StringComparison.OrdinalIgnoreCase))))
            {
                yield return Fail2BanErrors.JailNotFound(evidence, name, jails);
            }

            foreach (var (jail, answers) in output.Jails)
            {
                if (names.Count > 0 && !names.Any(n => Wildcard.IsMatch(jail, n)))
                {
                    continue;
                }

                foreach (var item in perJail(jail, answers))
                {
                    yield return item;
                }
            }
        }
    }
}
