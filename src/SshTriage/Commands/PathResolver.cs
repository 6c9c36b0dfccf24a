using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace SshTriage.Commands
{
    /// <summary>
    /// Resolves the paths a user gives as PowerShell's own cmdlets do: -Path expands wildcards,
    /// -LiteralPath is taken as written, and both must be file system paths. Each problem is an
    /// error record with the path as its target, and that path is skipped.
    /// </summary>
    internal static class PathResolver
    {
        /// <summary>The files to read for <paramref name="path"/>: every match of a -Path, or a -LiteralPath as written. Error ids start with <paramref name="noun"/>.</summary>
        public static IReadOnlyList<string> Inputs(PSCmdlet cmdlet, string path, bool literal, string noun)
        {
            try
            {
                if (literal)
                {
                    return new[] { FileSystemPath(cmdlet, path) };
                }

                var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                RequireFileSystem(provider, path);
                if (resolved.Count > 0)
                {
                    return resolved;
                }

                // A pattern that matches nothing is no error to PowerShell, but reading nothing
                // without a word would hide a name whose brackets were taken for a pattern.
                cmdlet.WriteError(NotFound(cmdlet, path, noun, $"No file matches '{path}'.", null));
            }
            catch (ItemNotFoundException missing)
            {
                cmdlet.WriteError(NotFound(cmdlet, path, noun, missing.Message, missing));
            }
            catch (Exception invalid) when (IsPathProblem(invalid))
            {
                cmdlet.WriteError(Invalid(invalid, path, noun));
            }

            return Array.Empty<string>();
        }

        /// <summary>
        /// The one file to write for <paramref name="path"/>, or null after an error. A -Path with
        /// wildcards must match exactly one existing file or folder; a new name with [, ], * or ?
        /// needs -LiteralPath, or the module could not read it back with -Path.
        /// </summary>
        public static string? Output(PSCmdlet cmdlet, string path, bool literal, string noun)
        {
            try
            {
                if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
                {
                    return FileSystemPath(cmdlet, path);
                }

                IList<string> matches;
                try
                {
                    matches = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                    RequireFileSystem(provider, path);
                }
                catch (ItemNotFoundException)
                {
                    matches = Array.Empty<string>();
                }

                if (matches.Count == 1)
                {
                    return matches[0];
                }

                cmdlet.WriteError(new ErrorRecord(
                    new ArgumentException(matches.Count == 0
                        ? $"'{path}' matches nothing, and [, ], * and ? are wildcards in -Path. To write a file whose name has them, give it with -LiteralPath."
                        : $"'{path}' matches {matches.Count} files or folders; give one."),
                    noun + (matches.Count == 0 ? "NotFound" : "Ambiguous"),
                    matches.Count == 0 ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument,
                    path));
            }
            catch (Exception invalid) when (IsPathProblem(invalid))
            {
                cmdlet.WriteError(Invalid(invalid, path, noun));
            }

            return null;
        }

        private static ErrorRecord NotFound(PSCmdlet cmdlet, string path, string noun, string message, Exception? inner)
        {
            if (WildcardPattern.ContainsWildcardCharacters(path) && File.Exists(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)))
            {
                message = $"No file matches the pattern '{path}', though a file of that very name exists: [, ], * and ? are wildcards in -Path. Give the name with -LiteralPath.";
            }

            return new ErrorRecord(new ItemNotFoundException(message, inner), noun + "NotFound", ErrorCategory.ObjectNotFound, path);
        }

        private static string FileSystemPath(PSCmdlet cmdlet, string path)
        {
            var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            RequireFileSystem(provider, path);
            return resolved;
        }

        private static void RequireFileSystem(ProviderInfo provider, string path)
        {
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{path}' is a path of the {provider.Name} provider; give a file system path.");
            }
        }

        private static ErrorRecord Invalid(Exception problem, string path, string noun)
        {
            var message = problem is WildcardPatternException
                ? $"'{path}' is not a valid wildcard pattern ({problem.Message}). To give a name with [ or ], use -LiteralPath."
                : problem.Message;
            return new ErrorRecord(new ArgumentException(message, problem), noun + "Invalid", ErrorCategory.InvalidArgument, path);
        }

        // What resolving a path can throw for a bad one: a bad wildcard, drive or provider
        // (RuntimeException's kinds), characters the file system refuses, a name too long.
        // Ctrl+C (PipelineStoppedException, a RuntimeException too) is no bad path.
        private static bool IsPathProblem(Exception problem) =>
            (problem is RuntimeException && !(problem is PipelineStoppedException)) || problem is ArgumentException || problem is IOException || problem is NotSupportedException || problem is UnauthorizedAccessException;
    }
}
