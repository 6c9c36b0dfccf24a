using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SshTriage.Probing
{
    /// <summary>
    /// Tells an IP literal from a host name and rejects anything that is neither, so that nothing
    /// malformed is resolved, probed or, later, handed to a shell.
    /// </summary>
    public static class ComputerNameParser
    {
        private const int MaxHostNameLength = 253;

        private static readonly Regex HostLabel = new Regex(@"^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex NumericName = new Regex(@"^[0-9.]+$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex ZoneId = new Regex(@"^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>
        /// Parses a computer name. Returns false with a message that says what is wrong; otherwise
        /// <paramref name="address"/> is set for an IP literal and null for a host name.
        /// </summary>
        public static bool TryParse(string? value, out IPAddress? address, out string error)
        {
            address = null;
            error = string.Empty;
            if (string.IsNullOrWhiteSpace(value))
            {
                error = "The computer name is empty.";
                return false;
            }

            var text = value!.Trim();
            if (text.StartsWith("[", StringComparison.Ordinal) && text.EndsWith("]", StringComparison.Ordinal))
            {
                text = text.Substring(1, text.Length - 2);
            }

            // .NET reads "[2001:db8::7]:2222" as the address alone: a port must never be dropped unseen.
            var colon = text.IndexOf(':');
            if (text.StartsWith("[", StringComparison.Ordinal) || (colon >= 0 && colon == text.LastIndexOf(':')))
            {
                error = $"'{value}' carries a port: give the computer name alone and the port as a parameter (-Port, -SshPort).";
                return false;
            }

            if (colon >= 0)
            {
                return TryParseIPv6(value, text, out address, out error);
            }

            if (IsDottedQuad(text))
            {
                return TryParseIPv4(value, text, out address, out error);
            }

            return TryValidateHostName(value, text, out error);
        }

        /// <summary>
        /// Splits "host:port", "198.51.100.7:port" and "[2001:db8::7]:port" into the name and the
        /// port. A name without a port, a bare IPv6 address included, comes back whole with a null
        /// port. False, with a message, when what follows the colon is not a TCP port.
        /// </summary>
        public static bool TrySplitPort(string value, out string name, out int? port, out string error)
        {
            name = value.Trim();
            port = null;
            error = string.Empty;
            string? portText = null;
            var close = name.IndexOf(']');
            if (name.StartsWith("[", StringComparison.Ordinal) && close > 0 && close + 1 < name.Length && name[close + 1] == ':')
            {
                portText = name.Substring(close + 2);
                name = name.Substring(1, close - 1);
            }
            else if (!name.StartsWith("[", StringComparison.Ordinal) && name.IndexOf(':') > 0 && name.IndexOf(':') == name.LastIndexOf(':'))
            {
                var colon = name.IndexOf(':');
                portText = name.Substring(colon + 1);
                name = name.Substring(0, colon);
            }

            if (portText == null)
            {
                return true;
            }

            if (!Text.AsciiNumber.TryParseInt32(portText, out var number) || number < 1 || number > 65535)
            {
                error = $"'{value}' ends in ':{portText}', which is not a TCP port (1-65535).";
                return false;
            }

            port = number;
            return true;
        }

        // Digits in four dot-separated groups; checked by hand because firewall dumps hold 100,000 addresses.
        private static bool IsDottedQuad(string text)
        {
            var dots = 0;
            var digits = 0;
            foreach (var c in text)
            {
                if (c == '.')
                {
                    if (digits == 0)
                    {
                        return false;
                    }

                    dots++;
                    digits = 0;
                }
                else if (c >= '0' && c <= '9')
                {
                    digits++;
                }
                else
                {
                    return false;
                }
            }

            return dots == 3 && digits > 0;
        }

        private static bool TryParseIPv4(string original, string text, out IPAddress? address, out string error)
        {
            address = null;
            error = string.Empty;
            var octets = text.Split('.');
            var bytes = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                var octet = octets[i];
                // Leading zeros are read as octal by some tools and as decimal by others: refuse the ambiguity.
                if (octet.Length > 1 && octet[0] == '0')
                {
                    error = $"'{original}' is ambiguous: IPv4 octet '{octet}' has a leading zero.";
                    return false;
                }

                if (octet.Length > 3 || !int.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 255)
                {
                    error = $"'{original}' is not a valid IPv4 address: octet '{octet}' is out of range.";
                    return false;
                }

                bytes[i] = (byte)n;
            }

            address = new IPAddress(bytes);
            return true;
        }

        private static bool TryParseIPv6(string original, string text, out IPAddress? address, out string error)
        {
            address = null;
            error = string.Empty;
            var percent = text.IndexOf('%');
            if (percent >= 0 && !ZoneId.IsMatch(text.Substring(percent + 1)))
            {
                error = $"'{original}' is not a valid IPv6 address: the zone index is malformed.";
                return false;
            }

            if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"'{original}' is not a valid IPv6 address.";
                return false;
            }

            address = parsed;
            return true;
        }

        private static bool TryValidateHostName(string original, string text, out string error)
        {
            error = string.Empty;
            var name = text.EndsWith(".", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
            if (name.Length == 0 || name.Length > MaxHostNameLength)
            {
                error = $"'{original}' is not a valid host name: it must be 1 to {MaxHostNameLength} characters.";
                return false;
            }

            if (NumericName.IsMatch(name))
            {
                error = $"'{original}' is neither a valid IPv4 address nor a host name.";
                return false;
            }

            foreach (var label in name.Split('.'))
            {
                if (!HostLabel.IsMatch(label))
                {
                    error = $"'{original}' is not a valid host name: use letters, digits, hyphens and dots only (label '{Printable(label)}').";
                    return false;
                }
            }

            return true;
        }

        private static string Printable(string label)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var c in label)
            {
                builder.Append(char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString());
            }

            return builder.ToString();
        }
    }
}
