using System;
using System.Management.Automation;
using SshTriage.Operations;

namespace SshTriage.Commands
{
    /// <summary>Carries what a Core operation produces into a cmdlet's output, error, progress and verbose streams.</summary>
    internal sealed class CmdletSink : IOperationSink
    {
        private readonly Cmdlet cmdlet;

        public CmdletSink(Cmdlet cmdlet) => this.cmdlet = cmdlet;

        public void WriteObject(object item) => cmdlet.WriteObject(item);

        public void WriteError(TriageError error) => cmdlet.WriteError(ToErrorRecord(error));

        public void WriteProgress(ProgressInfo progress)
        {
            var record = new ProgressRecord(progress.ActivityId, progress.Activity, progress.StatusDescription)
            {
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            cmdlet.WriteProgress(record);
        }

        public void WriteVerbose(string message) => cmdlet.WriteVerbose(message);

        public void WriteWarning(string message) => cmdlet.WriteWarning(message);

        public bool ShouldProcess(string target, string action) => cmdlet.ShouldProcess(target, action);

        /// <summary>Builds the PowerShell error record for a Core error; categories map by name.</summary>
        internal static ErrorRecord ToErrorRecord(TriageError error)
        {
            var category = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), error.Category.ToString());
            var record = new ErrorRecord(error.Exception, error.ErrorId, category, error.TargetObject);
            if (error.RecommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(error.Exception.Message) { RecommendedAction = error.RecommendedAction };
            }

            return record;
        }
    }
}
