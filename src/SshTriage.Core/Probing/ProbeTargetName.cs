using System;
using System.Net;
using SshTriage.Operations;

namespace SshTriage.Probing
{
    /// <summary>
    /// Reads a target the way the client-side cmdlets take it: a host name or address, alone or
    /// with its port ("host:2222", "[2001:db8::7]:2222"). A port in the name is used unless
    /// another one was given explicitly, which is a PortConflict error.
    /// </summary>
    public static class ProbeTargetName
    {
        /// <summary>
        /// Splits and checks <paramref name="computerName"/>; false with the error to report
        /// (InvalidComputerName, PortConflict, InvalidPort), and nothing is to be probed.
        /// </summary>
        /// <param name="computerName">What the user typed.</param>
        /// <param name="port">The -Port value.</param>
        /// <param name="portIsDefault">True when -Port was not given, so a port in the name wins.</param>
        /// <param name="host">The name or address without its port, trimmed.</param>
        /// <param name="targetPort">The port to probe.</param>
        /// <param name="literal">The address when the name is an IP literal, else null.</param>
        /// <param name="error">Why the target cannot be probed.</param>
        public static bool TryRead(string computerName, int port, bool portIsDefault, out string host, out int targetPort, out IPAddress? literal, out TriageError? error)
        {
            host = computerName;
            targetPort = port;
            literal = null;
            error = null;
            if (!ComputerNameParser.TrySplitPort(computerName, out var name, out var namedPort, out var badPort))
            {
                error = new TriageError("InvalidComputerName", new ArgumentException(badPort), TriageErrorCategory.InvalidArgument, computerName, "Give host:port with a port between 1 and 65535, or the name alone and -Port.");
                return false;
            }

            if (namedPort.HasValue && namedPort != port && !portIsDefault)
            {
                error = new TriageError(
                    "PortConflict",
                    new ArgumentException($"'{computerName}' names port {namedPort}, and -Port says {port}: which one is meant?"),
                    TriageErrorCategory.InvalidArgument,
                    computerName,
                    "Give the port once: in the name or with -Port.");
                return false;
            }

            targetPort = namedPort ?? port;
            if (targetPort < 1 || targetPort > 65535)
            {
                error = new TriageError(
                    "InvalidPort",
                    new ArgumentException($"Port {targetPort} is outside 1-65535."),
                    TriageErrorCategory.InvalidArgument,
                    targetPort,
                    "Give a TCP port between 1 and 65535.");
                return false;
            }

            if (!ComputerNameParser.TryParse(name, out literal, out var problem))
            {
                error = new TriageError(
                    "InvalidComputerName",
                    new ArgumentException(problem),
                    TriageErrorCategory.InvalidArgument,
                    name,
                    "Give a host name, an IPv4 address such as 198.51.100.7, or an IPv6 address such as 2001:db8::7.");
                return false;
            }

            host = name.Trim();
            return true;
        }
    }
}
