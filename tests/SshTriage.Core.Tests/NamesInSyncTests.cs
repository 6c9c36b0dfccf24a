using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Names written outside C# that must stay the enum's own: the lab scenarios' expectations and
    /// the causes Find-SshRejectCause's help lists. A renamed or added cause fails here, not in a reader's hands.
    /// </summary>
    public class NamesInSyncTests
    {
        private static readonly Regex Expectation = new Regex(@"^\s*lab_env (EXPECT_CAUSE|EXPECT_SYMPTOM) (\S+)\s*$", RegexOptions.Multiline);

        public static TheoryData<string> Scenarios()
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("tests", "lab", "scenarios"), "*.sh").OrderBy(f => f, StringComparer.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(file));
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Scenarios))]
        public void EveryScenarioExpectsACauseAndASymptomByTheirEnumNames(string scenario)
        {
            var text = File.ReadAllText(RepositoryPaths.Combine("tests", "lab", "scenarios", scenario + ".sh"));

            // A scenario may set its expectations through a lab function it calls (lib/*.sh).
            var called = LabFunctions().Where(f => Regex.IsMatch(text, @"^\s*" + Regex.Escape(f.Key) + @"\b", RegexOptions.Multiline)).Select(f => f.Value);
            var expectations = new[] { text }.Concat(called)
                .SelectMany(body => Expectation.Matches(body).Cast<Match>())
                .ToLookup(m => m.Groups[1].Value, m => m.Groups[2].Value);

            var cause = Assert.Single(expectations["EXPECT_CAUSE"]);
            Assert.True(Enum.GetNames(typeof(RejectCause)).Contains(cause), $"{scenario}: EXPECT_CAUSE {cause} is not a RejectCause");
            var symptom = Assert.Single(expectations["EXPECT_SYMPTOM"]);
            Assert.True(Enum.GetNames(typeof(SshPortStatus)).Contains(symptom), $"{scenario}: EXPECT_SYMPTOM {symptom} is not an SshPortStatus");
        }

        // Each lab function's name and body: "name() {" up to the "}" that closes it at the line's start.
        private static Dictionary<string, string> LabFunctions() =>
            Directory.GetFiles(RepositoryPaths.Combine("tests", "lab", "lib"), "*.sh")
                .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"^(?<name>[a-z_][a-z0-9_]*)\(\) \{\n(?<body>.*?)^\}", RegexOptions.Multiline | RegexOptions.Singleline).Cast<Match>())
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value, StringComparer.Ordinal);

        [Fact]
        public void TheHelpListsEveryCauseAndNoOther()
        {
            var help = File.ReadAllText(RepositoryPaths.Combine("docs", "en-US", "Find-SshRejectCause.md"));
            var line = Regex.Match(help, @"^Causes: (?<list>[^;\n]+);", RegexOptions.Multiline);
            Assert.True(line.Success, "Find-SshRejectCause.md needs its 'Causes: A, B, ...; NoCauseFound ...' line");

            var listed = line.Groups["list"].Value.Split(',').Select(n => n.Trim()).OrderBy(n => n, StringComparer.Ordinal);
            var causes = Enum.GetNames(typeof(RejectCause)).Where(n => n != nameof(RejectCause.NoCauseFound)).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(causes, listed);
        }
    }
}
