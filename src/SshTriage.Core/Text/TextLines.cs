using System.Collections.Generic;

namespace SshTriage.Text
{
    /// <summary>Splits text into lines one at a time, without an array of every line at once.</summary>
    public static class TextLines
    {
        /// <summary>The lines of <paramref name="text"/> between '\n's, as string.Split('\n') gives them.</summary>
        public static IEnumerable<string> Of(string text)
        {
            var start = 0;
            while (true)
            {
                var newline = text.IndexOf('\n', start);
                if (newline < 0)
                {
                    yield return start == 0 ? text : text.Substring(start);
                    yield break;
                }

                yield return text.Substring(start, newline - start);
                start = newline + 1;
            }
        }
    }
}
