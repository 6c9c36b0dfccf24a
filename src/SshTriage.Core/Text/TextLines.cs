using System.Collections.Generic;

namespace SshTriage.Text
{
    /// <summary>Splits text into lines one at a time, without an array of every line at once.</summary>
    public static class TextLines
    {
        /// <summary>The lines of <paramref name="text"/> between '\n's, as string.Split('\n') gives them.</summary>
        public static IEnumerable<string> Of(string text) => Of(text, 0, text.Length);

        /// <summary>The lines of the <paramref name="length"/> characters of <paramref name="text"/> from <paramref name="start"/>.</summary>
        public static IEnumerable<string> Of(string text, int start, int length)
        {
            var end = start + length;
            while (true)
            {
                var newline = text.IndexOf('\n', start, end - start);
                if (newline < 0)
                {
                    yield return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
                    yield break;
                }

                yield return text.Substring(start, newline - start);
                start = newline + 1;
            }
        }
    }
}
