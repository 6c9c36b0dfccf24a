using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using SshTriage.Operations;

namespace SshTriage.Lab.Runner
{
    /// <summary>Writes output objects and errors as JSON lines on stdout, for the lab tests to read.</summary>
    internal sealed class JsonLineSink : IOperationSink
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            Converters = { new JsonStringEnumConverter(), new AddressConverter() },
        };

        private int results;
        private int errors;

        public void WriteObject(object item)
        {
            results++;
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["Type"] = item.GetType().FullName!, ["Object"] = item }, Options));
        }

        public void WriteError(TriageError error)
        {
            errors++;
            Console.WriteLine(JsonSerializer.Serialize(
                new Dictionary<string, object?>
                {
                    ["ErrorId"] = error.ErrorId,
                    ["Category"] = error.Category.ToString(),
                    ["Message"] = error.Exception.Message,
                    ["Target"] = error.TargetObject?.ToString(),
                    ["RecommendedAction"] = error.RecommendedAction,
                },
                Options));
        }

        public void WriteSummary(TimeSpan elapsed, long peakWorkingSet) =>
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["Summary"] = true,
                ["Results"] = results,
                ["Errors"] = errors,
                ["ElapsedMs"] = elapsed.TotalMilliseconds,
                ["PeakWorkingSetBytes"] = peakWorkingSet,
            }));

        public void WriteProgress(ProgressInfo progress)
        {
            // Progress is for people at a console; the tests read results.
        }

        public void WriteVerbose(string message) => Console.Error.WriteLine(message);

        public void WriteWarning(string message) => Console.Error.WriteLine("WARNING: " + message);

        /// <summary>The answer every ShouldProcess gets: false is -WhatIf, true is -Confirm:$false.</summary>
        public bool Approve { get; set; }

        public bool ShouldProcess(string target, string action)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["ShouldProcess"] = target, ["Action"] = action, ["Approved"] = Approve }));
            return Approve;
        }

        /// <summary>IPAddress as its text form (its ScopeId property throws for IPv4).</summary>
        private sealed class AddressConverter : JsonConverter<IPAddress>
        {
            public override IPAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                IPAddress.Parse(reader.GetString()!);

            public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) =>
                writer.WriteStringValue(value.ToString());
        }
    }
}
