using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SshTriage.Text;

namespace SshTriage.Json
{
    /// <summary>Text that is not strict JSON (RFC 8259); says where the problem is.</summary>
    public sealed class JsonFormatException : FormatException
    {
        /// <summary>Creates the exception for a problem at <paramref name="position"/> (a character offset) of <paramref name="text"/>.</summary>
        public JsonFormatException(string problem, string text, int position)
            : this(problem, Place(new StringText(text), position))
        {
        }

        private JsonFormatException(string problem, (int Position, int Line, int Column) place)
            : base(string.Format(CultureInfo.InvariantCulture, "Invalid JSON at line {0}, column {1} (offset {2}): {3}.", place.Line, place.Column, place.Position, problem))
        {
            Problem = problem;
            Position = place.Position;
            Line = place.Line;
            Column = place.Column;
        }

        /// <summary>What is wrong, without the position.</summary>
        public string Problem { get; }

        /// <summary>The character offset of the problem, from 0.</summary>
        public int Position { get; }

        /// <summary>The line of the problem, from 1.</summary>
        public int Line { get; }

        /// <summary>The column of the problem, from 1.</summary>
        public int Column { get; }

        /// <summary>The exception for a problem at <paramref name="position"/> of <paramref name="text"/> (a byte offset, when it is UTF-8).</summary>
        internal static JsonFormatException At<T>(string problem, T text, int position)
            where T : IText => new JsonFormatException(problem, Place(text, position));

        private static (int Position, int Line, int Column) Place<T>(T text, int position)
            where T : IText
        {
            var line = 1;
            var lineStart = 0;
            var end = Math.Min(position, text.Length);
            for (var i = 0; i < end; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (position, line, position - lineStart + 1);
        }
    }

    /// <summary>Reads JSON from a string, or in place from UTF-8 bytes (a large <c>nft -j</c> dump as the collector read it).</summary>
    internal static class JsonReader
    {
        public static JsonValue Parse(string json) => JsonReader<StringText>.Parse(new StringText(json ?? throw new ArgumentNullException(nameof(json))));

        /// <summary>See <see cref="JsonReader{T}.ReadArrayItems(T, string, Action{JsonValue})"/>.</summary>
        public static bool ReadArrayItems(string json, string member, Action<JsonValue> item) =>
            JsonReader<StringText>.ReadArrayItems(new StringText(json), member, item);

        /// <summary>See <see cref="JsonReader{T}.ReadArrayItems(T, string, Action{JsonValue}, string, Func{string, JsonValue, Action{JsonValue}})"/>.</summary>
        public static bool ReadArrayItems(string json, string member, Action<JsonValue> item, string nested, Func<string, JsonValue, Action<JsonValue>?> nestedItems) =>
            JsonReader<StringText>.ReadArrayItems(new StringText(json), member, item, nested, nestedItems);

        /// <summary>As the other overload, over UTF-8 bytes.</summary>
        public static bool ReadArrayItems(byte[] json, string member, Action<JsonValue> item, string nested, Func<string, JsonValue, Action<JsonValue>?> nestedItems) =>
            JsonReader<Utf8Text>.ReadArrayItems(new Utf8Text(json), member, item, nested, nestedItems);
    }

    /// <summary>
    /// A single-pass, strict JSON reader over text (<see cref="IText"/>: a string, or UTF-8 bytes
    /// read in place). Short names, strings and numbers are shared through small caches (values
    /// are immutable): a 40 MB <c>nft -j</c> dump repeats the same few dozen of them millions of
    /// times, and every object saved is garbage not collected.
    /// </summary>
    internal sealed class JsonReader<T>
        where T : IText
    {
        // Deep enough for any tool output, shallow enough that recursion cannot exhaust the stack.
        private const int MaxDepth = 256;
        private const int CacheSize = 1024;
        private const int CachedLength = 32;
        private const int LinearDuplicateLimit = 16;

        private readonly T json;
        private readonly JsonValue?[] strings = new JsonValue?[CacheSize];
        private readonly JsonValue?[] numbers = new JsonValue?[CacheSize];
        private readonly List<JsonValue> itemScratch = new List<JsonValue>();
        private readonly List<KeyValuePair<string, JsonValue>> memberScratch = new List<KeyValuePair<string, JsonValue>>();
        private readonly string? streamedMember;
        private readonly Action<JsonValue>? streamedItem;
        private readonly string? nestedMember;
        private readonly Func<string, JsonValue, Action<JsonValue>?>? nestedItems;
        private bool streamed;
        private bool inStreamedArray;
        private string? itemMember;
        private int pos;

        private JsonReader(T json, string? streamedMember, Action<JsonValue>? streamedItem, string? nestedMember = null, Func<string, JsonValue, Action<JsonValue>?>? nestedItems = null)
        {
            this.json = json;
            this.streamedMember = streamedMember;
            this.streamedItem = streamedItem;
            this.nestedMember = nestedMember;
            this.nestedItems = nestedItems;
        }

        public static JsonValue Parse(T json)
        {
            var reader = new JsonReader<T>(json, null, null);
            return reader.ReadDocument();
        }

        /// <summary>
        /// Reads a document whose root is an object, handing each item of its array member
        /// <paramref name="member"/> to <paramref name="item"/> as soon as it is read, so that a large
        /// array is never held whole (it would live long enough to be copied by every GC generation).
        /// Returns false when the root has no such array; the document is checked in full either way.
        /// </summary>
        public static bool ReadArrayItems(T json, string member, Action<JsonValue> item)
        {
            var reader = new JsonReader<T>(json, member, item);
            reader.ReadDocument();
            return reader.streamed;
        }

        /// <summary>
        /// As <see cref="ReadArrayItems(T, string, Action{JsonValue})"/>, and an item's array
        /// <paramref name="nested"/> ({"KIND": {..., NESTED: [...]}}) is streamed too: its items go to
        /// the handler <paramref name="nestedItems"/> returns for KIND and the members read before it
        /// (a null handler has it read whole), and the item gets null in its place.
        /// </summary>
        public static bool ReadArrayItems(T json, string member, Action<JsonValue> item, string nested, Func<string, JsonValue, Action<JsonValue>?> nestedItems)
        {
            var reader = new JsonReader<T>(json, member, item, nested, nestedItems);
            reader.ReadDocument();
            return reader.streamed;
        }

        private JsonValue ReadDocument()
        {
            SkipWhitespace();
            var value = ReadValue(0);
            SkipWhitespace();
            if (pos < json.Length)
            {
                throw Error("unexpected text after the end of the document");
            }

            return value;
        }

        [MethodImpl(Optimized.AtOnce)]

        private JsonValue ReadValue(int depth)
        {
            if (pos >= json.Length)
            {
                throw Error("unexpected end of input, expected a value");
            }

            var c = json[pos];
            switch (c)
            {
                case '{':
                    return ReadObject(depth + 1);
                case '[':
                    return ReadArray(depth + 1);
                case '"':
                    return ReadStringValue();
                case 't':
                    ReadLiteral("true");
                    return JsonValue.True;
                case 'f':
                    ReadLiteral("false");
                    return JsonValue.False;
                case 'n':
                    ReadLiteral("null");
                    return JsonValue.Null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber();
                    }

                    throw Error(string.Format(CultureInfo.InvariantCulture, "unexpected character {0}, expected a value", Show(c)));
            }
        }

        [MethodImpl(Optimized.AtOnce)]

        private JsonValue ReadObject(int depth)
        {
            CheckDepth(depth);
            pos++;
            SkipWhitespace();
            if (pos < json.Length && json[pos] == '}')
            {
                pos++;
                return JsonValue.Object(Array.Empty<KeyValuePair<string, JsonValue>>());
            }

            // Nested containers share one scratch list: each takes its slice from the end and removes it.
            var start = memberScratch.Count;
            HashSet<string>? names = null;
            while (true)
            {
                if (pos >= json.Length || json[pos] != '"')
                {
                    throw Error("expected a member name in double quotes");
                }

                var namePosition = pos;
                var name = ReadStringValue().StringValue!;
                if (IsDuplicate(start, name, ref names))
                {
                    pos = namePosition;
                    throw Error(string.Format(CultureInfo.InvariantCulture, "duplicate member name \"{0}\"", name));
                }

                SkipWhitespace();
                Expect(':', "expected ':' after a member name");
                SkipWhitespace();
                if (depth == 1 && streamedItem != null && name == streamedMember && pos < json.Length && json[pos] == '[')
                {
                    inStreamedArray = true;
                    ReadStreamedArray(depth + 1, streamedItem);
                    inStreamedArray = false;
                    memberScratch.Add(new KeyValuePair<string, JsonValue>(name, JsonValue.Null));
                }
                else if (NestedItems(depth, start, name) is Action<JsonValue> nested)
                {
                    ReadStreamedArray(depth + 1, nested);
                    memberScratch.Add(new KeyValuePair<string, JsonValue>(name, JsonValue.Null));
                }
                else
                {
                    memberScratch.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(depth)));
                }

                SkipWhitespace();
                if (pos < json.Length && json[pos] == ',')
                {
                    pos++;
                    SkipWhitespace();
                    continue;
                }

                Expect('}', "expected ',' or '}' in an object");
                var members = new KeyValuePair<string, JsonValue>[memberScratch.Count - start];
                memberScratch.CopyTo(start, members, 0, members.Length);
                memberScratch.RemoveRange(start, members.Length);
                return JsonValue.Object(members);
            }
        }

        // The handler for the array that starts at pos when it is an item's nested array (an
        // item is an object at depth 3, its one member's object at depth 4), or null.
        private Action<JsonValue>? NestedItems(int depth, int start, string name)
        {
            if (depth == 3 && inStreamedArray)
            {
                itemMember = name;
            }

            if (depth != 4 || !inStreamedArray || nestedItems == null || name != nestedMember || itemMember == null || pos >= json.Length || json[pos] != '[')
            {
                return null;
            }

            var before = new KeyValuePair<string, JsonValue>[memberScratch.Count - start];
            memberScratch.CopyTo(start, before, 0, before.Length);
            return nestedItems(itemMember, JsonValue.Object(before));
        }

        // A name twice in one object is ambiguous evidence; small objects are checked by scanning, large ones by hashing.
        private bool IsDuplicate(int start, string name, ref HashSet<string>? names)
        {
            if (names == null && memberScratch.Count - start < LinearDuplicateLimit)
            {
                for (var i = start; i < memberScratch.Count; i++)
                {
                    if (string.Equals(memberScratch[i].Key, name, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (names == null)
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                for (var i = start; i < memberScratch.Count; i++)
                {
                    names.Add(memberScratch[i].Key);
                }
            }

            return !names.Add(name);
        }

        [MethodImpl(Optimized.AtOnce)]

        private void ReadStreamedArray(int depth, Action<JsonValue> item)
        {
            CheckDepth(depth);
            streamed = true;
            pos++;
            SkipWhitespace();
            if (pos < json.Length && json[pos] == ']')
            {
                pos++;
                return;
            }

            while (true)
            {
                item(ReadValue(depth));
                SkipWhitespace();
                if (pos < json.Length && json[pos] == ',')
                {
                    pos++;
                    SkipWhitespace();
                    continue;
                }

                Expect(']', "expected ',' or ']' in an array");
                return;
            }
        }

        [MethodImpl(Optimized.AtOnce)]

        private JsonValue ReadArray(int depth)
        {
            CheckDepth(depth);
            pos++;
            SkipWhitespace();
            if (pos < json.Length && json[pos] == ']')
            {
                pos++;
                return JsonValue.Array(Array.Empty<JsonValue>());
            }

            var start = itemScratch.Count;
            while (true)
            {
                itemScratch.Add(ReadValue(depth));
                SkipWhitespace();
                if (pos < json.Length && json[pos] == ',')
                {
                    pos++;
                    SkipWhitespace();
                    continue;
                }

                Expect(']', "expected ',' or ']' in an array");
                var items = new JsonValue[itemScratch.Count - start];
                itemScratch.CopyTo(start, items, 0, items.Length);
                itemScratch.RemoveRange(start, items.Length);
                return JsonValue.Array(items);
            }
        }

        [MethodImpl(Optimized.AtOnce)]

        private JsonValue ReadStringValue()
        {
            var open = pos;
            var hash = ScanString();
            if (hash == null)
            {
                return JsonValue.String(ReadEscapedString(open + 1));
            }

            return Shared(strings, open + 1, pos - 1 - (open + 1), hash.Value, JsonValue.String);
        }

        // Moves past a string without escapes and returns its hash; stops at a backslash (null) for the slow path.
        [MethodImpl(Optimized.AtOnce)]
        private uint? ScanString()
        {
            var open = pos++;
            var hash = 2166136261u;
            while (pos < json.Length)
            {
                var c = json[pos];
                if (c == '"')
                {
                    pos++;
                    return hash;
                }

                if (c == '\\')
                {
                    return null;
                }

                if (c < ' ')
                {
                    throw Error("unescaped control character in a string");
                }

                hash = (hash ^ c) * 16777619u;
                pos++;
            }

            pos = open;
            throw Error("unterminated string");
        }

        // The slow path, from the first backslash on: the runs between escapes are copied whole
        // (as text, so that a character of several UTF-8 bytes stays one).
        private string ReadEscapedString(int start)
        {
            var builder = new StringBuilder();
            var run = start;
            while (pos < json.Length)
            {
                var c = json[pos];
                if (c == '"')
                {
                    builder.Append(json.Substring(run, pos - run));
                    pos++;
                    return builder.ToString();
                }

                if (c < ' ')
                {
                    throw Error("unescaped control character in a string");
                }

                if (c != '\\')
                {
                    pos++;
                    continue;
                }

                builder.Append(json.Substring(run, pos - run));
                if (pos + 1 >= json.Length)
                {
                    break;
                }

                var escape = json[pos + 1];
                switch (escape)
                {
                    case '"':
                    case '\\':
                    case '/':
                        builder.Append(escape);
                        break;
                    case 'b':
                        builder.Append('\b');
                        break;
                    case 'f':
                        builder.Append('\f');
                        break;
                    case 'n':
                        builder.Append('\n');
                        break;
                    case 'r':
                        builder.Append('\r');
                        break;
                    case 't':
                        builder.Append('\t');
                        break;
                    case 'u':
                        builder.Append(ReadUnicodeEscape());
                        run = pos;
                        continue;
                    default:
                        throw Error(string.Format(CultureInfo.InvariantCulture, "invalid escape \\{0}", Show(escape)));
                }

                pos += 2;
                run = pos;
            }

            throw Error("unterminated string");
        }

        // \uXXXX, and for a high surrogate the \uXXXX low surrogate that must follow it: a lone half is not text.
        private string ReadUnicodeEscape()
        {
            var first = ReadHex4();
            if (first >= 0xDC00 && first <= 0xDFFF)
            {
                pos -= 6;
                throw Error("a low surrogate escape without a high surrogate before it");
            }

            if (first < 0xD800 || first > 0xDBFF)
            {
                return ((char)first).ToString();
            }

            if (pos + 1 >= json.Length || json[pos] != '\\' || json[pos + 1] != 'u')
            {
                throw Error("a high surrogate escape must be followed by a \\u low surrogate");
            }

            var second = ReadHex4();
            if (second < 0xDC00 || second > 0xDFFF)
            {
                pos -= 6;
                throw Error("a high surrogate escape must be followed by a \\u low surrogate");
            }

            return new string(new[] { (char)first, (char)second });
        }

        private int ReadHex4()
        {
            if (pos + 6 > json.Length)
            {
                throw Error("a \\u escape needs four hex digits");
            }

            var value = 0;
            for (var i = pos + 2; i < pos + 6; i++)
            {
                var c = json[i];
                int digit;
                if (c >= '0' && c <= '9')
                {
                    digit = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    digit = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    digit = c - 'A' + 10;
                }
                else
                {
                    throw Error("a \\u escape needs four hex digits");
                }

                value = (value << 4) | digit;
            }

            pos += 6;
            return value;
        }

        [MethodImpl(Optimized.AtOnce)]

        private JsonValue ReadNumber()
        {
            var start = pos;
            if (json[pos] == '-')
            {
                pos++;
            }

            if (pos < json.Length && json[pos] == '0')
            {
                pos++;
                if (pos < json.Length && json[pos] >= '0' && json[pos] <= '9')
                {
                    throw Error("a number must not have a leading zero");
                }
            }
            else if (!SkipDigits())
            {
                throw Error("expected a digit");
            }

            if (pos < json.Length && json[pos] == '.')
            {
                pos++;
                if (!SkipDigits())
                {
                    throw Error("expected a digit after the decimal point");
                }
            }

            if (pos < json.Length && (json[pos] == 'e' || json[pos] == 'E'))
            {
                pos++;
                if (pos < json.Length && (json[pos] == '+' || json[pos] == '-'))
                {
                    pos++;
                }

                if (!SkipDigits())
                {
                    throw Error("expected a digit in the exponent");
                }
            }

            var hash = 2166136261u;
            for (var i = start; i < pos; i++)
            {
                hash = (hash ^ json[i]) * 16777619u;
            }

            return Shared(numbers, start, pos - start, hash, JsonValue.Number);
        }

        [MethodImpl(Optimized.AtOnce)]

        private bool SkipDigits()
        {
            var start = pos;
            while (pos < json.Length && json[pos] >= '0' && json[pos] <= '9')
            {
                pos++;
            }

            return pos > start;
        }

        private void ReadLiteral(string literal)
        {
            if (!json.Matches(pos, literal))
            {
                throw Error(string.Format(CultureInfo.InvariantCulture, "unexpected character {0}, expected a value", Show(json[pos])));
            }

            pos += literal.Length;
        }

        [MethodImpl(Optimized.AtOnce)]

        private JsonValue Shared(JsonValue?[] cache, int start, int length, uint hash, Func<string, JsonValue> create)
        {
            if (length > CachedLength)
            {
                return create(json.Substring(start, length));
            }

            var slot = (int)(hash % CacheSize);
            var cached = cache[slot];
            var text = cached?.StringValue ?? cached?.NumberText;
            if (text != null && text.Length == length && json.Matches(start, text))
            {
                return cached!;
            }

            return cache[slot] = create(json.Substring(start, length));
        }

        [MethodImpl(Optimized.AtOnce)]

        private void SkipWhitespace()
        {
            while (pos < json.Length)
            {
                var c = json[pos];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                {
                    return;
                }

                pos++;
            }
        }

        [MethodImpl(Optimized.AtOnce)]

        private void Expect(char c, string problem)
        {
            if (pos >= json.Length || json[pos] != c)
            {
                throw Error(pos >= json.Length ? "unexpected end of input, " + problem : problem);
            }

            pos++;
        }

        private void CheckDepth(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error(string.Format(CultureInfo.InvariantCulture, "nested more than {0} levels deep", MaxDepth));
            }
        }

        private JsonFormatException Error(string problem) => JsonFormatException.At(problem, json, pos);

        private static string Show(char c) =>
            c < ' ' || c > '~' ? string.Format(CultureInfo.InvariantCulture, "U+{0:X4}", (int)c) : "'" + c + "'";
    }
}
