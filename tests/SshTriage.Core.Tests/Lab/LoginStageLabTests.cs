using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// The stages after TCP, on real sshd: each scenario breaks one account, key file or algorithm list
    /// the way users do, and sshd has refused one login for it. The diagnosis names the cause first, from
    /// the admin's machine and on the server itself, for the scenario's user (and key, where it has one):
    /// Confirmed where sshd's own line proves it, Likely where only the state does.
    /// </summary>
    public class LoginStageLabTests
    {
        [LabTheory]
        [InlineData("authkeys-modes", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("authkeys-modes", CauseLab.LocalPath, "Confirmed")]
        [InlineData("account-locked", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("account-locked", CauseLab.LocalPath, "Confirmed")]
        [InlineData("account-expired", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("account-expired", CauseLab.LocalPath, "Confirmed")]
        [InlineData("shell-invalid", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("shell-invalid", CauseLab.LocalPath, "Confirmed")]
        [InlineData("root-login-no", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("root-login-no", CauseLab.LocalPath, "Confirmed")]
        [InlineData("key-not-authorized", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("key-not-authorized", CauseLab.LocalPath, "Confirmed")]
        [InlineData("key-type-rejected", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("key-type-rejected", CauseLab.LocalPath, "Confirmed")]
        [InlineData("password-disabled", CauseLab.ComputerNamePath, "Likely")]
        [InlineData("password-disabled", CauseLab.LocalPath, "Likely")]
        [InlineData("algorithm-mismatch", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("algorithm-mismatch", CauseLab.LocalPath, "Confirmed")]
        [InlineData("too-many-keys", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("too-many-keys", CauseLab.LocalPath, "Confirmed")]
        [InlineData("empty-password", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("empty-password", CauseLab.LocalPath, "Confirmed")]
        [InlineData("grace-timeout", CauseLab.ComputerNamePath, null)]
        [InlineData("grace-timeout", CauseLab.LocalPath, null)]
        [InlineData("dns-slow", CauseLab.ComputerNamePath, "Confirmed")]
        [InlineData("dns-slow", CauseLab.LocalPath, "Confirmed")]
        public void TheLoginStageCauseComesFirst(string scenario, string path, string? confidence)
        {
            using var lab = LabInstance.Up(scenario);

            // Null: what the scenario says its sshd's lines allow (EXPECT_CONFIDENCE).
            confidence ??= lab["EXPECT_CONFIDENCE"];
            var output = CauseLab.Run(lab, path, Arguments(lab).ToArray());

            var causes = CauseLab.Causes(output);
            Assert.True(
                causes.Count > 0 && CauseLab.Text(causes[0], "Cause") == lab["EXPECT_CAUSE"] && CauseLab.Text(causes[0], "Confidence") == confidence,
                $"{scenario} via {path}: expected {lab["EXPECT_CAUSE"]}/{confidence} first, got {CauseLab.Describe(causes)}\n{output.Describe()}");
        }

        [LabFact]
        public void TheModesStrictModesRefusesAreQuotedWithTheExactFix()
        {
            using var lab = LabInstance.Up("authkeys-modes");
            var first = CauseLab.Causes(CauseLab.Local(lab, Arguments(lab).ToArray())).First();

            Assert.Equal("chmod go-w /home/alice/.ssh", CauseLab.Text(first, "RemedyCommand"));
            Assert.Contains(CauseLab.Excerpts(first), e => e == "777 2003 2003 /home/alice/.ssh");
            Assert.Contains(CauseLab.Excerpts(first), e => e.EndsWith("Authentication refused: bad ownership or modes for directory /home/alice/.ssh", System.StringComparison.Ordinal));
        }

        [LabFact]
        public void AHealthyAccountWithItsOwnKeyHasNoLoginCause()
        {
            using var lab = LabInstance.Up("open");
            var causes = CauseLab.Causes(CauseLab.Local(lab, "--client-user", "alice", "--client-key", lab["USER_ALICE_KEY"] + ".pub", "--include-cleared"));

            Assert.Equal("NoCauseFound", CauseLab.Text(causes[0], "Cause"));
            var cleared = causes.Where(c => CauseLab.Text(c, "Confidence") == "Cleared").Select(c => CauseLab.Text(c, "Cause")).ToList();
            Assert.Contains("PublicKeyNotAuthorized", cleared);
            Assert.Contains("ShellInvalid", cleared);
            Assert.Contains("AccountLocked", cleared);
            Assert.Contains("KeyTypeNotAccepted", cleared);
        }

        [LabFact]
        public void AHealthyServerSeenFromTheClientsOwnSideHasNoLoginCause()
        {
            using var lab = LabInstance.Up("open", fromHost: true);
            var causes = CauseLab.Causes(CauseLab.Run(lab, CauseLab.FromHostPath, "--client-user", "alice", "--client-key", lab["USER_ALICE_KEY"] + ".pub"));

            Assert.Equal("NoCauseFound", CauseLab.Text(causes[0], "Cause"));
        }

        [LabFact]
        public void TheMismatchNamesBothOffers()
        {
            using var lab = LabInstance.Up("algorithm-mismatch");
            var first = CauseLab.Causes(CauseLab.Local(lab, Arguments(lab).ToArray())).First();

            Assert.Contains("share no host key type: the client offered ssh-rsa, the server takes ", CauseLab.Text(first, "Summary"));
            Assert.Contains(CauseLab.Excerpts(first), e => e.StartsWith("hostkeyalgorithms ", System.StringComparison.Ordinal));
        }

        private static IEnumerable<string> Arguments(LabInstance lab)
        {
            yield return "--client-user";
            yield return lab["CLIENT_USER"];
            if (lab.Settings.ContainsKey("CLIENT_PUBLIC_KEY"))
            {
                yield return "--client-key";
                yield return lab["CLIENT_PUBLIC_KEY"];
            }
        }
    }
}
