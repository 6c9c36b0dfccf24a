namespace SshTriage.Text
{
    /// <summary>
    /// Text read by index, from a string or in place from UTF-8 bytes: a parser written over it
    /// (as a generic parameter, which the runtime specialises for each struct) reads either
    /// without a copy. Tools' output is mostly ASCII, and a rule set or ban list as bytes takes
    /// half the memory it takes as a string.
    /// </summary>
    internal interface IText
    {
        /// <summary>The number of characters (of bytes, for UTF-8).</summary>
        int Length { get; }

        /// <summary>
        /// The character at <paramref name="index"/>. A byte of a UTF-8 character beyond ASCII
        /// reads as a character from U+0080 to U+00FF: it matches no ASCII syntax, as the
        /// character it is part of would not.
        /// </summary>
        char this[int index] { get; }

        /// <summary>Where <paramref name="value"/> (ASCII) first is from <paramref name="start"/>, within <paramref name="count"/>; -1 when it is not.</summary>
        int IndexOf(char value, int start, int count);

        /// <summary>The <paramref name="length"/> characters from <paramref name="start"/>, as a string.</summary>
        string Substring(int start, int length);
    }
}
