using System;

namespace SshTriage.Firewall
{
    /// <summary>Who manages a rule or set, from the names that Fail2Ban, ufw, Docker and firewalld give their objects.</summary>
    internal static class NftOwners
    {
        public static string? OfSet(string table, string name)
        {
            if (table.StartsWith("firewalld", StringComparison.Ordinal))
            {
                return "firewalld";
            }

            return IsFail2BanTable(table) ? Fail2Ban(name) ?? "fail2ban" : null;
        }

        /// <summary>The owner by names alone; rules of tables made by iptables-nft get "iptables-nft" when nothing else claims them.</summary>
        public static string? OfRule(string table, string chain, string? target, string? set)
        {
            if (table.StartsWith("firewalld", StringComparison.Ordinal))
            {
                return "firewalld";
            }

            if (IsFail2BanTable(table))
            {
                return (set == null ? null : Fail2Ban(set)) ?? Fail2BanChain(chain) ?? "fail2ban";
            }

            foreach (var name in new[] { chain, target })
            {
                if (name == null)
                {
                    continue;
                }

                if (Fail2BanChain(name) is string jail)
                {
                    return jail;
                }

                if (name.StartsWith("ufw", StringComparison.Ordinal))
                {
                    return "ufw";
                }

                if (name.StartsWith("DOCKER", StringComparison.Ordinal))
                {
                    return "docker";
                }
            }

            return null;
        }

        // Fail2Ban's nftables actions: table f2b-table, chain f2b-chain, sets addr-set-<jail> and addr6-set-<jail>.
        private static bool IsFail2BanTable(string table) => table.StartsWith("f2b", StringComparison.Ordinal);

        private static string? Fail2Ban(string set)
        {
            foreach (var prefix in new[] { "addr-set-", "addr6-set-" })
            {
                if (set.StartsWith(prefix, StringComparison.Ordinal) && set.Length > prefix.Length)
                {
                    return "fail2ban:" + set.Substring(prefix.Length);
                }
            }

            return null;
        }

        // iptables actions name the chain f2b-<jail>; f2b-chain is the nftables actions' shared chain.
        private static string? Fail2BanChain(string chain) =>
            chain.StartsWith("f2b-", StringComparison.Ordinal) && chain != "f2b-chain" && chain.Length > 4 ? "fail2ban:" + chain.Substring(4) : null;
    }
}
