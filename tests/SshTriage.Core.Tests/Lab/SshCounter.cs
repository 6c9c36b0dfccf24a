using System;
using System.IO;
using System.Linq;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Counts the ssh processes a lab run starts: an "ssh" first on PATH that writes one line per
    /// start and then runs the real client.
    /// </summary>
    internal sealed class SshCounter : IDisposable
    {
        private readonly string directory;

        public SshCounter(LabInstance lab)
        {
            directory = Path.Combine(lab["STATE_DIR"], "ssh-counter-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var wrapper = Path.Combine(directory, "ssh");
            File.WriteAllText(wrapper, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$(dirname \"$0\")/starts\"\nexec /usr/bin/ssh \"$@\"\n");
            if (OperatingSystem.IsLinux())
            {
                // The lab runs only on Linux; elsewhere its tests skip before they get here.
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            Environment = new[] { "PATH=" + directory + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };
        }

        /// <summary>NAME=value settings for <see cref="LabRunner.Run(LabInstance, string, TimeSpan, string[], string[])"/>.</summary>
        public string[] Environment { get; }

        /// <summary>How many ssh processes started so far.</summary>
        public int Count
        {
            get
            {
                var starts = Path.Combine(directory, "starts");
                return File.Exists(starts) ? File.ReadAllLines(starts).Count(l => l.Length > 0) : 0;
            }
        }

        public void Dispose() => Directory.Delete(directory, true);
    }
}
