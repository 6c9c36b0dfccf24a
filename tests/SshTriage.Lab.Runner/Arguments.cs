using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SshTriage.Lab.Runner
{
    /// <summary>--name value options (repeatable) and positional arguments; --flag alone is a switch.</summary>
    internal sealed class Arguments
    {
        private static readonly HashSet<string> Switches = new HashSet<string> { "--local", "--sudo", "--ignore", "--force", "--approve", "--include-cleared" };
        private readonly List<(string Name, string Value)> named = new List<(string, string)>();

        public List<string> Positional { get; } = new List<string>();

        public static Arguments Parse(IEnumerable<string> args)
        {
            var parsed = new Arguments();
            var list = args.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                if (Switches.Contains(list[i]))
                {
                    parsed.named.Add((list[i], "true"));
                }
                else if (list[i].StartsWith("--", System.StringComparison.Ordinal) && i + 1 < list.Count)
                {
                    parsed.named.Add((list[i], list[++i]));
                }
                else
                {
                    parsed.Positional.Add(list[i]);
                }
            }

            return parsed;
        }

        public bool Has(string name) => named.Any(n => n.Name == name);

        public string? One(string name) => named.LastOrDefault(n => n.Name == name).Value;

        public IEnumerable<string> All(string name) => named.Where(n => n.Name == name).Select(n => n.Value);

        public int Int(string name, int fallback) => One(name) is string v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public double Double(string name, double fallback) => One(name) is string v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
    }
}
