using System.Runtime.CompilerServices;

namespace SshTriage.Text
{
    /// <summary>Ordinal comparisons of <see cref="IText"/> with ASCII literals, in place.</summary>
    internal static class TextSearch
    {
        /// <summary>True when <paramref name="literal"/> is at <paramref name="at"/> of <paramref name="text"/>.</summary>
        [MethodImpl(Optimized.AtOnce)]
        public static bool Matches<T>(this T text, int at, string literal)
            where T : IText
        {
            if (at < 0 || at + literal.Length > text.Length)
            {
                return false;
            }

            for (var i = 0; i < literal.Length; i++)
            {
                if (text[at + i] != literal[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the <paramref name="length"/> characters at <paramref name="at"/> are <paramref name="literal"/>, no more, no less.</summary>
        public static bool Is<T>(this T text, int at, int length, string literal)
            where T : IText => length == literal.Length && text.Matches(at, literal);

        /// <summary>Where <paramref name="literal"/> first is from <paramref name="start"/>, within <paramref name="count"/>; -1 when it is not.</summary>
        [MethodImpl(Optimized.AtOnce)]
        public static int IndexOf<T>(this T text, string literal, int start, int count)
            where T : IText
        {
            var last = start + count - literal.Length;
            for (var at = text.IndexOf(literal[0], start, count); at >= 0 && at <= last; at = text.IndexOf(literal[0], at + 1, start + count - at - 1))
            {
                if (text.Matches(at, literal))
                {
                    return at;
                }
            }

            return -1;
        }
    }
}
