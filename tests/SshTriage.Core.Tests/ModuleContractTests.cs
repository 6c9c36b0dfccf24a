using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SshTriage.Operations;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Checks the built cmdlet assembly against the manifest, the format file and the help,
    /// without PowerShell: the assembly is read with MetadataLoadContext against the
    /// PowerShellStandard reference assembly.
    /// </summary>
    public sealed class ModuleContractTests : IDisposable
    {
        private const string AutomationNamespace = "System.Management.Automation";
        private readonly MetadataLoadContext context;
        private readonly Assembly module;
        private readonly Assembly automation;

        public ModuleContractTests()
        {
            var baseDir = AppContext.BaseDirectory;
            var paths = new List<string>(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            {
                Path.Combine(baseDir, "psref", "System.Management.Automation.dll"),
                Path.Combine(baseDir, "SshTriage.dll"),
                Path.Combine(baseDir, "SshTriage.Core.dll"),
            };
            context = new MetadataLoadContext(new PathAssemblyResolver(paths));
            module = context.LoadFromAssemblyPath(Path.Combine(baseDir, "SshTriage.dll"));
            automation = context.LoadFromAssemblyName("System.Management.Automation");
        }

        public void Dispose() => context.Dispose();

        private IEnumerable<Type> CmdletTypes() =>
            module.GetTypes().Where(t => !t.IsAbstract && t.IsPublic && AttributeOf(t, "CmdletAttribute") != null);

        private static CustomAttributeData? AttributeOf(MemberInfo member, string name) =>
            member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == AutomationNamespace + "." + name);

        private static string CmdletName(Type type)
        {
            var args = AttributeOf(type, "CmdletAttribute")!.ConstructorArguments;
            return $"{args[0].Value}-{args[1].Value}";
        }

        private ISet<string> ApprovedVerbs()
        {
            var classes = new[] { "VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic", "VerbsLifecycle", "VerbsOther", "VerbsSecurity" };
            return new HashSet<string>(
                classes.SelectMany(c => automation.GetType(AutomationNamespace + "." + c, throwOnError: true)!
                    .GetFields(BindingFlags.Public | BindingFlags.Static)
                    .Select(f => (string)f.GetRawConstantValue()!)),
                StringComparer.OrdinalIgnoreCase);
        }

        private static IEnumerable<string> OutputTypeNames(Type cmdlet) =>
            cmdlet.GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == AutomationNamespace + ".OutputTypeAttribute")
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> items ? items : new[] { arg })
                .Select(arg => arg.Value is Type t ? t.FullName! : (string)arg.Value!);

        private static ISet<string> ManifestCmdlets()
        {
            var text = File.ReadAllText(RepositoryPaths.Combine("SshTriage.psd1"));
            var block = Regex.Match(text, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
            return new HashSet<string>(Regex.Matches(block, "'([^']+)'").Cast<Match>().Select(m => m.Groups[1].Value));
        }

        [Fact]
        public void ThereAreCmdlets()
        {
            Assert.Contains("Test-SshPort", CmdletTypes().Select(CmdletName));
        }

        [Fact]
        public void EveryCmdletUsesAnApprovedVerbAndDeclaresItsOutput()
        {
            var verbs = ApprovedVerbs();
            foreach (var cmdlet in CmdletTypes())
            {
                var verb = CmdletName(cmdlet).Split('-')[0];
                Assert.True(verbs.Contains(verb), $"{cmdlet.Name}: '{verb}' is not an approved verb");
                Assert.True(OutputTypeNames(cmdlet).Any(), $"{cmdlet.Name} has no [OutputType]");
                Assert.EndsWith("Command", cmdlet.Name);
            }
        }

        [Fact]
        public void TheManifestExportsExactlyTheCmdlets()
        {
            Assert.Equal(CmdletTypes().Select(CmdletName).OrderBy(n => n), ManifestCmdlets().OrderBy(n => n));
        }

        [Fact]
        public void TheManifestFollowsTheModuleConventions()
        {
            var text = File.ReadAllText(RepositoryPaths.Combine("SshTriage.psd1"));
            Assert.Matches(@"FunctionsToExport\s*=\s*@\(\)", text);
            Assert.Matches(@"AliasesToExport\s*=\s*@\(\)", text);
            Assert.Matches(@"VariablesToExport\s*=\s*@\(\)", text);
            Assert.Matches(@"PowerShellVersion\s*=\s*'5\.1'", text);
            Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Desktop',\s*'Core'\)", text);
            Assert.Contains("SshTriage.Format.ps1xml", text);
            foreach (var tag in new[] { "PSEdition_Desktop", "PSEdition_Core", "Linux", "Windows" })
            {
                Assert.Contains($"'{tag}'", text);
            }

            // What PowerShell Gallery shows and requires of a package.
            Assert.Matches(@"LicenseUri\s*=\s*'https://", text);
            Assert.Matches(@"ProjectUri\s*=\s*'https://", text);
            Assert.Matches(@"ReleaseNotes\s*=\s*'\S", text);
            Assert.Matches(@"Description\s*=\s*'\S", text);
            Assert.True(File.Exists(RepositoryPaths.Combine("LICENSE")), "LICENSE is missing");
            Assert.True(File.Exists(RepositoryPaths.Combine("CHANGELOG.md")), "CHANGELOG.md is missing");
        }

        [Fact]
        public void EveryOutputTypeHasAView()
        {
            var format = XDocument.Load(RepositoryPaths.Combine("src", "SshTriage", "SshTriage.Format.ps1xml"));
            var viewed = new HashSet<string>(format.Descendants("TypeName").Select(e => e.Value.Trim()));
            foreach (var cmdlet in CmdletTypes())
            {
                // PowerShell's own views cover System types (strings, FileInfo).
                foreach (var type in OutputTypeNames(cmdlet).Where(t => !t.StartsWith("System.", StringComparison.Ordinal)))
                {
                    Assert.True(viewed.Contains(type), $"{type} (output of {CmdletName(cmdlet)}) has no view in SshTriage.Format.ps1xml");
                }
            }
        }

        [Fact]
        public void EveryCmdletHasHelpWithEveryParameterAndAnExample()
        {
            foreach (var cmdlet in CmdletTypes())
            {
                var name = CmdletName(cmdlet);
                var path = RepositoryPaths.Combine("docs", "en-US", name + ".md");
                Assert.True(File.Exists(path), $"docs/en-US/{name}.md is missing");
                var help = File.ReadAllText(path);
                Assert.Matches(@"## SYNOPSIS\s+\S", help);
                Assert.Matches(@"## DESCRIPTION\s+\S", help);
                Assert.True(Regex.Matches(help, @"^### Example \d+", RegexOptions.Multiline).Count >= 2, $"{name} help needs at least two examples");
                foreach (var parameter in cmdlet.GetProperties().Where(p => AttributeOf(p, "ParameterAttribute") != null))
                {
                    Assert.True(Regex.IsMatch(help, $@"^### -{parameter.Name}\s*$", RegexOptions.Multiline), $"{name} help does not describe -{parameter.Name}");
                }
            }
        }

        [Fact]
        public void EveryCoreErrorCategoryIsAPowerShellErrorCategory()
        {
            var categories = automation.GetType(AutomationNamespace + ".ErrorCategory", throwOnError: true)!.GetEnumNames();
            foreach (var name in Enum.GetNames(typeof(TriageErrorCategory)))
            {
                Assert.Contains(name, categories);
            }
        }

        [Fact]
        public void TestSshPortTakesComputerNameAndPortFromThePipeline()
        {
            var cmdlet = CmdletTypes().Single(t => CmdletName(t) == "Test-SshPort");
            AssertPipelineParameter(cmdlet, "ComputerName", byValue: true);
            AssertPipelineParameter(cmdlet, "Port", byValue: false);

            // Its own output pipes back in by property name.
            var result = typeof(SshPortResult);
            Assert.NotNull(result.GetProperty("ComputerName"));
            Assert.Equal(typeof(int), result.GetProperty("Port")!.PropertyType);
        }

        [Theory]
        [InlineData("Get-SshListener")]
        [InlineData("Get-SshdConfig")]
        [InlineData("Get-SshLogEvent")]
        [InlineData("Find-SshRejectCause")]
        public void ServerCmdletsTakeTestSshPortsOutputByPropertyName(string name)
        {
            var cmdlet = CmdletTypes().Single(t => CmdletName(t) == name);
            AssertPipelineParameter(cmdlet, "ComputerName", byValue: true);
            Assert.Equal("System.String[]", cmdlet.GetProperty("ComputerName")!.PropertyType.FullName);
            Assert.Equal(typeof(string), typeof(SshPortResult).GetProperty("ComputerName")!.PropertyType);
            foreach (var shared in new[] { "Local", "EvidencePath", "UserName", "KeyFilePath", "SshPort", "JumpHost", "SshOption", "Sudo", "TimeoutSec", "ThrottleLimit" })
            {
                Assert.True(cmdlet.GetProperty(shared) != null, $"{name} lacks the shared parameter -{shared}");
            }
        }

        [Fact]
        public void BansPipeIntoUnblockByPropertyName()
        {
            var unblock = CmdletTypes().Single(t => CmdletName(t) == "Unblock-Fail2BanIp");
            foreach (var name in new[] { "IPAddress", "Jail", "ComputerName" })
            {
                AssertPipelineParameter(unblock, name, byValue: name == "ComputerName");
                Assert.NotNull(typeof(Fail2BanBan).GetProperty(name));
            }

            // IPAddress arrives as System.Net.IPAddress and binds to a string parameter through ToString().
            Assert.Equal("System.String", unblock.GetProperty("IPAddress")!.PropertyType.FullName);
            Assert.Equal(typeof(string), typeof(Fail2BanBan).GetProperty("Jail")!.PropertyType);
            Assert.Contains(AttributeOf(unblock, "CmdletAttribute")!.NamedArguments, a => a.MemberName == "SupportsShouldProcess" && (bool)a.TypedValue.Value!);
        }

        [Fact]
        public void CausesPipeIntoUnblockAndPortsIntoFindSshRejectCause()
        {
            // As a ban's: the address is an IPAddress, as VisibleAddress is, and binds to Unblock-Fail2BanIp's -IPAddress through its argument transformation.
            Assert.Equal(typeof(System.Net.IPAddress), typeof(SshRejectCause).GetProperty("IPAddress")!.PropertyType);
            Assert.Equal(typeof(string), typeof(SshRejectCause).GetProperty("Jail")!.PropertyType);
            Assert.Equal(typeof(string), typeof(SshRejectCause).GetProperty("ComputerName")!.PropertyType);

            var find = CmdletTypes().Single(t => CmdletName(t) == "Find-SshRejectCause");
            AssertPipelineParameter(find, "Port", byValue: false);
            Assert.Equal(typeof(int), typeof(SshPortResult).GetProperty("Port")!.PropertyType);
        }

        [Fact]
        public void EveryAddressParameterIsReadByTheOneAddressTransformation()
        {
            // One address is an IPAddress; an address or a prefix is a string; both bound through AddressArgument.
            var addresses = CmdletTypes().SelectMany(t => t.GetProperties())
                .Where(p => AttributeOf(p, "ParameterAttribute") != null && (p.Name.EndsWith("Address", StringComparison.Ordinal) || p.PropertyType.FullName == "System.Net.IPAddress"))
                .ToList();
            Assert.Equal(7, addresses.Count);
            foreach (var parameter in addresses)
            {
                var transformation = parameter.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == "SshTriage.Commands.AddressArgumentAttribute");
                Assert.True(transformation != null, $"{parameter.DeclaringType!.Name}.{parameter.Name} is not read by AddressArgument");
                var allowsPrefix = transformation!.NamedArguments.Any(a => a.MemberName == "AllowPrefix" && (bool)a.TypedValue.Value!);
                Assert.Equal(allowsPrefix ? "System.String" : "System.Net.IPAddress", parameter.PropertyType.FullName);
            }
        }

        [Fact]
        public void OutputTypesAreReadOnlyToTheirCallers()
        {
            // Results are built in one expression (a constructor, internal init): a runbook sees
            // get-only properties, and nothing in Core changes a result once it is made.
            var outputs = typeof(SshRejectCause).Assembly.GetExportedTypes().Where(t => t.Namespace == nameof(SshTriage) && t.IsClass).ToList();
            Assert.Contains(typeof(SshRejectCause), outputs);
            foreach (var property in outputs.SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public)))
            {
                var name = $"{property.DeclaringType!.Name}.{property.Name}";
                Assert.False(property.SetMethod?.IsPublic == true, $"{name} has a public setter");
                Assert.True(property.SetMethod == null || IsInitOnly(property.SetMethod), $"{name} has a setter that is not init-only");
            }
        }

        // An init accessor's return carries the IsExternalInit modifier (the compiler's or the netstandard2.0 polyfill).
        private static bool IsInitOnly(MethodInfo setter) =>
            setter.ReturnParameter.GetRequiredCustomModifiers().Any(modifier => modifier.Name == "IsExternalInit");

        private static void AssertPipelineParameter(Type cmdlet, string name, bool byValue)
        {
            var property = cmdlet.GetProperty(name) ?? throw new Xunit.Sdk.XunitException($"{cmdlet.Name} has no -{name}");
            var parameter = AttributeOf(property, "ParameterAttribute") ?? throw new Xunit.Sdk.XunitException($"-{name} is not a parameter");
            bool Named(string arg) => parameter.NamedArguments.Any(a => a.MemberName == arg && (bool)a.TypedValue.Value!);
            Assert.True(Named("ValueFromPipelineByPropertyName"), $"-{name} must bind by property name");
            Assert.Equal(byValue, Named("ValueFromPipeline"));
        }
    }
}
