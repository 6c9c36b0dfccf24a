using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace SshTriage.Tests
{
    /// <summary>
    /// Output captured from a real tool in the lab: a header of "# key: value" lines (command,
    /// version, source, exit) up to "# ---", then the output byte for byte.
    /// </summary>
    internal sealed class Fixture
    {
        private Fixture(string output, IReadOnlyDictionary<string, string> header)
        {
            Output = output;
            Header = header;
        }

        public string Output { get; }

        public IReadOnlyDictionary<string, string> Header { get; }

        public int ExitCode => Header.TryGetValue("exit", out var exit) ? int.Parse(exit, CultureInfo.InvariantCulture) : 0;

        public static Fixture Load(string relativePath)
        {
            var path = RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", relativePath);
            var text = File.ReadAllText(path);
            var header = new Dictionary<string, string>(StringComparer.Ordinal);
            var position = 0;
            while (position < text.Length)
            {
                var end = text.IndexOf('\n', position);
                var line = text.Substring(position, (end < 0 ? text.Length : end) - position);
                position = end < 0 ? text.Length : end + 1;
                if (line == "# ---")
                {
                    return new Fixture(text.Substring(position), header);
                }

                var colon = line.IndexOf(':');
                if (line.StartsWith("# ", StringComparison.Ordinal) && colon > 2)
                {
                    header[line.Substring(2, colon - 2)] = line.Substring(colon + 1).Trim();
                }
            }

            throw new InvalidDataException($"{relativePath} has no '# ---' line after its header");
        }
    }
}
