using System.Collections.Generic;
using System.Linq;
using SshTriage.Operations;

namespace SshTriage.Tests
{
    /// <summary>An operation sink that keeps everything it is given, for assertions.</summary>
    internal sealed class RecordingSink : IOperationSink
    {
        public List<object> Objects { get; } = new List<object>();

        public List<TriageError> Errors { get; } = new List<TriageError>();

        public List<ProgressInfo> Progress { get; } = new List<ProgressInfo>();

        public List<string> Verbose { get; } = new List<string>();

        public List<string> Warnings { get; } = new List<string>();

        public List<(string Target, string Action)> ShouldProcessCalls { get; } = new List<(string, string)>();

        public bool ShouldProcessAnswer { get; set; } = true;

        public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

        public void WriteObject(object item) => Objects.Add(item);

        public void WriteError(TriageError error) => Errors.Add(error);

        public void WriteProgress(ProgressInfo progress) => Progress.Add(progress);

        public void WriteVerbose(string message) => Verbose.Add(message);

        public void WriteWarning(string message) => Warnings.Add(message);

        public bool ShouldProcess(string target, string action)
        {
            ShouldProcessCalls.Add((target, action));
            return ShouldProcessAnswer;
        }
    }
}
