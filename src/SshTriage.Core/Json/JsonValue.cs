using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SshTriage.Json
{
    /// <summary>The kind of a JSON value.</summary>
    public enum JsonKind
    {
        /// <summary>null.</summary>
        Null,

        /// <summary>false.</summary>
        False,

        /// <summary>true.</summary>
        True,

        /// <summary>A number, kept as its text.</summary>
        Number,

        /// <summary>A string.</summary>
        String,

        /// <summary>An array.</summary>
        Array,

        /// <summary>An object.</summary>
        Object,
    }

    /// <summary>
    /// One immutable JSON value: a small read-only DOM for tool output such as <c>nft -j</c>.
    /// Numbers keep their text so that 64-bit counters and decimals lose nothing.
    /// </summary>
    public sealed class JsonValue
    {
        // Larger objects get a dictionary on first lookup; nft's objects have a handful of members.
        private const int LinearLookupLimit = 16;

        private static readonly JsonValue[] NoItems = System.Array.Empty<JsonValue>();
        private static readonly KeyValuePair<string, JsonValue>[] NoMembers = System.Array.Empty<KeyValuePair<string, JsonValue>>();

        private readonly string? text;
        private readonly JsonValue[] items;
        private readonly KeyValuePair<string, JsonValue>[] members;
        private Dictionary<string, JsonValue>? index;

        private JsonValue(JsonKind kind, string? text, JsonValue[] items, KeyValuePair<string, JsonValue>[] members)
        {
            Kind = kind;
            this.text = text;
            this.items = items;
            this.members = members;
        }

        /// <summary>The JSON null.</summary>
        public static JsonValue Null { get; } = new JsonValue(JsonKind.Null, null, NoItems, NoMembers);

        /// <summary>The JSON true.</summary>
        public static JsonValue True { get; } = new JsonValue(JsonKind.True, null, NoItems, NoMembers);

        /// <summary>The JSON false.</summary>
        public static JsonValue False { get; } = new JsonValue(JsonKind.False, null, NoItems, NoMembers);

        /// <summary>What the value is.</summary>
        public JsonKind Kind { get; }

        /// <summary>The items of an array, or the members of an object; 0 for anything else.</summary>
        public int Count => Kind == JsonKind.Array ? items.Length : members.Length;

        /// <summary>The items of an array; empty for anything else.</summary>
        public IReadOnlyList<JsonValue> Items => items;

        /// <summary>The members of an object, in document order; empty for anything else.</summary>
        public IReadOnlyList<KeyValuePair<string, JsonValue>> Properties => members;

        /// <summary>The text of a string; null for anything else.</summary>
        public string? StringValue => Kind == JsonKind.String ? text : null;

        /// <summary>The text of a number as written; null for anything else.</summary>
        public string? NumberText => Kind == JsonKind.Number ? text : null;

        /// <summary>True or false for a boolean; null for anything else.</summary>
        public bool? BooleanValue => Kind == JsonKind.True ? true : Kind == JsonKind.False ? false : (bool?)null;

        /// <summary>The item at <paramref name="position"/> of an array.</summary>
        public JsonValue this[int position] => items[position];

        /// <summary>The member called <paramref name="name"/> of an object; null when absent or when this is not an object.</summary>
        public JsonValue? this[string name] => TryGetProperty(name, out var value) ? value : null;

        /// <summary>Parses one JSON document; throws <see cref="JsonFormatException"/> with the position on malformed input.</summary>
        public static JsonValue Parse(string json) => JsonReader.Parse(json);

        /// <summary>Looks up the member called <paramref name="name"/> of an object.</summary>
        public bool TryGetProperty(string name, out JsonValue value)
        {
            if (members.Length > LinearLookupLimit)
            {
                if (index == null)
                {
                    var built = new Dictionary<string, JsonValue>(members.Length, StringComparer.Ordinal);
                    foreach (var member in members)
                    {
                        built[member.Key] = member.Value;
                    }

                    index = built;
                }

                if (index.TryGetValue(name, out var found))
                {
                    value = found;
                    return true;
                }

                value = Null;
                return false;
            }

            foreach (var member in members)
            {
                if (string.Equals(member.Key, name, StringComparison.Ordinal))
                {
                    value = member.Value;
                    return true;
                }
            }

            value = Null;
            return false;
        }

        /// <summary>Reads a number without fraction or exponent that fits in 64 bits.</summary>
        public bool TryGetInt64(out long value)
        {
            value = 0;
            return Kind == JsonKind.Number && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>Reads a number as a double (the nearest one).</summary>
        public bool TryGetDouble(out double value)
        {
            value = 0;
            return Kind == JsonKind.Number && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>Reads a number as a decimal, exactly when it fits.</summary>
        public bool TryGetDecimal(out decimal value)
        {
            value = 0;
            return Kind == JsonKind.Number && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>The value as compact JSON.</summary>
        public override string ToString()
        {
            var builder = new StringBuilder();
            Write(builder);
            return builder.ToString();
        }

        internal static JsonValue String(string value) => new JsonValue(JsonKind.String, value, NoItems, NoMembers);

        internal static JsonValue Number(string text) => new JsonValue(JsonKind.Number, text, NoItems, NoMembers);

        internal static JsonValue Array(JsonValue[] items) => new JsonValue(JsonKind.Array, null, items, NoMembers);

        internal static JsonValue Object(KeyValuePair<string, JsonValue>[] members) => new JsonValue(JsonKind.Object, null, NoItems, members);

        internal static void WriteString(StringBuilder builder, string value)
        {
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"':
                        builder.Append("\\\"");
                        break;
                    case '\\':
                        builder.Append("\\\\");
                        break;
                    case '\n':
                        builder.Append("\\n");
                        break;
                    case '\r':
                        builder.Append("\\r");
                        break;
                    case '\t':
                        builder.Append("\\t");
                        break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
        }

        private void Write(StringBuilder builder)
        {
            switch (Kind)
            {
                case JsonKind.Null:
                    builder.Append("null");
                    break;
                case JsonKind.True:
                    builder.Append("true");
                    break;
                case JsonKind.False:
                    builder.Append("false");
                    break;
                case JsonKind.Number:
                    builder.Append(text);
                    break;
                case JsonKind.String:
                    WriteString(builder, text!);
                    break;
                case JsonKind.Array:
                    builder.Append('[');
                    for (var i = 0; i < items.Length; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(',');
                        }

                        items[i].Write(builder);
                    }

                    builder.Append(']');
                    break;
                default:
                    builder.Append('{');
                    for (var i = 0; i < members.Length; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(',');
                        }

                        WriteString(builder, members[i].Key);
                        builder.Append(':');
                        members[i].Value.Write(builder);
                    }

                    builder.Append('}');
                    break;
            }
        }
    }
}
