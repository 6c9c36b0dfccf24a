using System;
using System.IO;
using System.Security;
using System.Text;
using SshTriage.Operations;

namespace SshTriage.Evidence
{
    /// <summary>Writes a text file the way a server's sh and SshTriage's readers want it: UTF-8 without a BOM, the text as given.</summary>
    public static class TextFile
    {
        private const string Advice = "Choose a path in a folder that exists and you can write to.";

        /// <summary>
        /// True when <paramref name="path"/> is a folder, or a file in a folder that exists; otherwise
        /// an error <paramref name="errorId"/>, before anything is collected only to be lost.
        /// </summary>
        public static bool CanWriteIn(string path, string errorId, IOperationSink sink)
        {
            string? folder;
            try
            {
                folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path));
            }
            catch (Exception invalid) when (invalid is ArgumentException || invalid is NotSupportedException || invalid is IOException || invalid is SecurityException)
            {
                sink.WriteError(new TriageError(errorId, invalid, TriageErrorCategory.WriteError, path, Advice));
                return false;
            }

            if (folder == null || Directory.Exists(folder))
            {
                return true;
            }

            sink.WriteError(new TriageError(errorId, new DirectoryNotFoundException($"The folder {folder} does not exist, so {path} cannot be written."), TriageErrorCategory.WriteError, path, Advice));
            return false;
        }

        /// <summary>
        /// Writes <paramref name="text"/> to <paramref name="path"/>; true when written. Any reason the
        /// file cannot be written (a missing folder, a folder in the way, a character or a length the
        /// file system refuses, no rights) is an error <paramref name="errorId"/> written to the sink.
        /// </summary>
        public static bool TryWrite(string path, string text, string errorId, IOperationSink sink)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    throw new IOException($"{path} is a folder. Give the path of a file.");
                }

                File.WriteAllText(path, text, new UTF8Encoding(false));
                return true;
            }
            catch (Exception failed) when (failed is IOException || failed is UnauthorizedAccessException || failed is ArgumentException || failed is NotSupportedException || failed is SecurityException)
            {
                sink.WriteError(new TriageError(errorId, failed, TriageErrorCategory.WriteError, path, Advice));
                return false;
            }
        }
    }
}
