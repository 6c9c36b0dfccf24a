using System;
using System.IO;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// -Path and -LiteralPath of the cmdlets, in PowerShell: wildcards expanded or not, names
    /// with brackets, invalid patterns, special files and folders, paths nothing can be written
    /// to. Each case ends in objects or error records with ids, never an unhandled exception.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class PathParameterTests : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("sshtriage-paths-").FullName;

        public PathParameterTests()
        {
            var bundle = RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", "open-root.txt");
            File.Copy(bundle, Path.Combine(folder, "bundle[1].txt"));
            File.Copy(bundle, Path.Combine(folder, "bad[.txt"));
            File.Copy(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "auth-log", "sshd92-failed-logins.txt"), Path.Combine(folder, "auth[1].log"));
            Assert.Equal(0, Lab.ProcessRunner.Run("mkfifo", TimeSpan.FromSeconds(10), Path.Combine(folder, "bundle.fifo")).ExitCode);
        }

        public void Dispose() => Directory.Delete(folder, recursive: true);

        [PwshFact]
        public void ReadersTakeWildcardsOrLiteralNames()
        {
            var cases = PwshScript.Run(folder, @"
Case 'bad pattern' { Get-SshdConfig -EvidencePath 'bad[.txt' }
Case 'bad pattern, literal' { Get-SshdConfig -LiteralPath 'bad[.txt' }
Case 'brackets as a pattern' { Get-SshdConfig -EvidencePath 'bundle[1].txt' }
Case 'brackets, literal' { Get-SshdConfig -LiteralPath 'bundle[1].txt' }
Case 'LP alias' { Get-SshdConfig -LP 'bundle[1].txt' }
Case 'Get-ChildItem by PSPath' { Get-ChildItem -LiteralPath 'bundle[1].txt' | Get-SshdConfig }
Case 'a pattern of two' { Get-SshdConfig -EvidencePath '*.txt' }
Case 'missing' { Get-SshdConfig -EvidencePath 'missing.txt' }
Case 'folder' { Get-SshdConfig -EvidencePath . }
Case 'FIFO' { Get-SshdConfig -LiteralPath 'bundle.fifo' }
Case '/dev/zero' { Get-SshdConfig -EvidencePath /dev/zero }
Case 'another provider' { Get-SshdConfig -EvidencePath 'Env:\PATH' }
Case 'Find-SshRejectCause, literal' { Find-SshRejectCause -LiteralPath 'bundle[1].txt' }
Case 'Test-FirewallAccess, literal' { Test-FirewallAccess -LiteralPath 'bundle[1].txt' -SourceAddress 198.51.100.10 }
");
            Assert.Equal(new[] { "EvidencePathInvalid" }, cases["bad pattern"].Errors);
            Assert.Contains("-LiteralPath", cases["bad pattern"].Messages[0]);
            Assert.Equal((1, 0), (cases["bad pattern, literal"].Objects, cases["bad pattern, literal"].Errors.Length));
            Assert.Equal(new[] { "EvidencePathNotFound" }, cases["brackets as a pattern"].Errors);
            Assert.Contains("a file of that very name exists", cases["brackets as a pattern"].Messages[0]);
            foreach (var literal in new[] { "brackets, literal", "LP alias", "Get-ChildItem by PSPath", "Find-SshRejectCause, literal", "Test-FirewallAccess, literal" })
            {
                Assert.True(cases[literal].Objects > 0 && cases[literal].Errors.Length == 0, literal);
            }

            Assert.Equal((2, 0), (cases["a pattern of two"].Objects, cases["a pattern of two"].Errors.Length));
            Assert.Equal(new[] { "EvidencePathNotFound" }, cases["missing"].Errors);
            Assert.Equal(new[] { "EvidenceUnreadable" }, cases["folder"].Errors);
            Assert.Contains("not a regular file", cases["FIFO"].Messages[0]);
            Assert.Contains("not a regular file", cases["/dev/zero"].Messages[0]);
            Assert.Equal(new[] { "EvidencePathInvalid" }, cases["another provider"].Errors);
        }

        [PwshFact]
        public void LogFilesTakeWildcardsOrLiteralNames()
        {
            var cases = PwshScript.Run(folder, @"
Case 'brackets as a pattern' { Get-SshLogEvent -Path 'auth[1].log' }
Case 'brackets, literal' { Get-SshLogEvent -LiteralPath 'auth[1].log' }
Case 'Get-ChildItem by PSPath' { Get-ChildItem -Filter '*.log' | Get-SshLogEvent }
Case 'bundle, literal' { Get-SshLogEvent -LiteralEvidencePath 'bundle[1].txt' }
Case 'FIFO' { Get-SshLogEvent -LiteralPath 'bundle.fifo' }
");
            Assert.Equal(new[] { "SshLogPathNotFound" }, cases["brackets as a pattern"].Errors);
            Assert.True(cases["brackets, literal"].Objects > 5);
            Assert.Equal(cases["brackets, literal"].Objects, cases["Get-ChildItem by PSPath"].Objects);
            Assert.True(cases["bundle, literal"].Objects > 0);
            Assert.Equal(new[] { "SshLogUnreadable" }, cases["FIFO"].Errors);
        }

        [PwshFact]
        public void WritersRefuseWhatTheyCannotWriteWithErrorRecords()
        {
            var cases = PwshScript.Run(folder, @"
Case 'missing folder' { Export-SshTriageCollector -Path ./nowhere/c.sh }
Case 'NUL' { Export-SshTriageCollector -LiteralPath ""./a`0b.sh"" }
Case 'overlong name' { Export-SshTriageCollector -Path ('./' + ('x' * 300)) }
Case 'a folder' { Export-SshTriageCollector -Path . -Force }
Case 'brackets as a pattern' { Export-SshTriageCollector -Path 'c[1].sh' }
Case 'brackets, literal' { Export-SshTriageCollector -LiteralPath 'c[1].sh' }
Case 'exists' { Export-SshTriageCollector -LiteralPath 'c[1].sh' }
Case 'a pattern of one' { Export-SshTriageCollector -Path 'c*.sh' -Force }
Case 'a pattern of two' { Export-SshTriageCollector -Path '*.txt' -Force }
Case 'bad pattern' { Export-SshTriageCollector -Path 'x[.sh' }
Case 'Save, both' { Save-SshTriageEvidence -Local -Path a.txt -LiteralPath b.txt }
Case 'Save, neither' { Save-SshTriageEvidence -Local }
Case 'Save, brackets as a pattern' { Save-SshTriageEvidence -Local -Path 's[1].txt' }
Case 'Save, missing folder' { Save-SshTriageEvidence -Local -LiteralPath './nowhere/s.txt' -Confirm:$false }
");
            foreach (var unwritable in new[] { "missing folder", "NUL", "overlong name", "a folder" })
            {
                Assert.True(cases[unwritable].Errors.Length == 1 && cases[unwritable].Errors[0] == "CollectorNotSaved", unwritable + ": " + string.Join(", ", cases[unwritable].Errors));
            }

            Assert.Equal(new[] { "CollectorPathNotFound" }, cases["brackets as a pattern"].Errors);
            Assert.Equal((1, 0), (cases["brackets, literal"].Objects, cases["brackets, literal"].Errors.Length));
            Assert.Equal(new[] { "CollectorFileExists" }, cases["exists"].Errors);
            Assert.Equal((1, 0), (cases["a pattern of one"].Objects, cases["a pattern of one"].Errors.Length));
            Assert.Equal(new[] { "CollectorPathAmbiguous" }, cases["a pattern of two"].Errors);
            Assert.Equal(new[] { "CollectorPathNotFound" }, cases["bad pattern"].Errors);
            Assert.Equal(new[] { "PathConflict" }, cases["Save, both"].Errors);
            Assert.Equal(new[] { "PathMissing" }, cases["Save, neither"].Errors);
            Assert.Equal(new[] { "EvidencePathNotFound" }, cases["Save, brackets as a pattern"].Errors);
            Assert.Contains("EvidenceNotSaved", cases["Save, missing folder"].Errors);
        }
    }
}
