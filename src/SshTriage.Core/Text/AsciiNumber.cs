namespace SshTriage.Text
{
    /// <summary>
    /// Reads the numbers tools print: ASCII digits only, no sign, no spaces, no separators, in
    /// range. A regex's \d also matches other scripts' digits, which int.Parse then refuses with
    /// an exception, as it does an overflow; here a number no tool wrote is simply not a number.
    /// </summary>
    public static class AsciiNumber
    {
        /// <summary>True when <paramref name="text"/> is a non-negative decimal number that fits an int.</summary>
        public static bool TryParseInt32(string? text, out int value)
        {
            value = 0;
            if (!TryParseInt64(text, out var wide) || wide > int.MaxValue)
            {
                return false;
            }

            value = (int)wide;
            return true;
        }

        /// <summary>True when <paramref name="text"/> is a non-negative decimal number that fits a long.</summary>
        public static bool TryParseInt64(string? text, out long value)
        {
            value = 0;
            if (string.IsNullOrEmpty(text) || text!.Length > 19)
            {
                return false;
            }

            long number = 0;
            foreach (var c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }

                number = (number * 10) + (c - '0');
                if (number < 0)
                {
                    return false;
                }
            }

            value = number;
            return true;
        }
    }
}
