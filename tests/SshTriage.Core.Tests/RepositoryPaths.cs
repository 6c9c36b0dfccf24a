using System;
using System.IO;

namespace SshTriage.Tests
{
    /// <summary>Finds files of the repository from the test's output directory.</summary>
    internal static class RepositoryPaths
    {
        private static readonly Lazy<string> RootPath = new Lazy<string>(FindRoot);

        public static string Root => RootPath.Value;

        public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SshTriage.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("The tests must run from inside the repository (SshTriage.sln not found above " + AppContext.BaseDirectory + ").");
        }
    }
}
