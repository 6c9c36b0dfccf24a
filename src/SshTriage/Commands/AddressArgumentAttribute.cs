using System;
using System.Management.Automation;
using SshTriage.Net;

namespace SshTriage.Commands
{
    /// <summary>
    /// Reads every address parameter at binding, with the parser Core reads addresses with
    /// (<see cref="IPPrefix"/>): text, an IPAddress, or a deserialized one (its text). A parameter
    /// of type IPAddress gets one address; a string parameter with <see cref="AllowPrefix"/> gets
    /// the address or prefix as canonical text. Anything else, a host name or a value with shell
    /// or ssh syntax included, fails binding with a message that names the form expected.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class AddressArgumentAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Accept a prefix (198.51.100.0/24) as well as one address.</summary>
        public bool AllowPrefix { get; set; }

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null || (value is System.Net.IPAddress && !AllowPrefix))
            {
                return value;
            }

            var text = value switch
            {
                string plain => plain,
                System.Net.IPAddress address => address.ToString(),
                // A deserialized IPAddress is a property bag whose text is the address.
                _ => inputData!.ToString(),
            };
            if (!IPPrefix.TryParse(text, out var prefix) || !(AllowPrefix || prefix.IsSingleAddress))
            {
                throw new ArgumentTransformationMetadataException(AllowPrefix
                    ? $"'{text}' is not an IP address or prefix: expected one such as 198.51.100.7, 198.51.100.0/24 or 2001:db8::/64."
                    : $"'{text}' is not one IP address: expected one such as 198.51.100.7 or 2001:db8::7.");
            }

            return AllowPrefix ? prefix.ToString() : prefix.Network;
        }
    }
}
