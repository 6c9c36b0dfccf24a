using System;
using System.Text;
using SshTriage.Json;

namespace SshTriage.Firewall
{
    /// <summary>Renders nft's JSON back into nft's text form, closely enough to recognise a rule.</summary>
    internal static class NftText
    {
        public static string Rule(JsonValue expressions, string? comment)
        {
            var builder = new StringBuilder();
            foreach (var statement in expressions.Items)
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(Statement(statement));
            }

            if (comment != null)
            {
                builder.Append(builder.Length > 0 ? " " : string.Empty).Append("comment ").Append(Quote(comment));
            }

            return builder.ToString();
        }

        public static string Statement(JsonValue statement)
        {
            if (statement.Kind != JsonKind.Object || statement.Count != 1)
            {
                return statement.ToString();
            }

            var key = statement.Properties[0].Key;
            var value = statement.Properties[0].Value;
            switch (key)
            {
                case "match":
                    var left = value["left"] ?? JsonValue.Null;
                    var op = value["op"]?.StringValue ?? "==";
                    return Expression(left) + " " + (op == "==" || op == "in" ? string.Empty : op + " ") + Value(value["right"] ?? JsonValue.Null, QuotesValues(left));
                case "counter":
                    if (value.StringValue is string counterName)
                    {
                        return "counter name " + Quote(counterName);
                    }

                    return value.Kind == JsonKind.Object ? $"counter packets {Number(value["packets"])} bytes {Number(value["bytes"])}" : "counter";
                case "accept":
                case "drop":
                case "continue":
                case "return":
                    return key;
                case "jump":
                case "goto":
                    return key + " " + (value["target"]?.StringValue ?? value.ToString());
                case "reject":
                    var type = value["type"]?.StringValue;
                    if (type == null)
                    {
                        return "reject";
                    }

                    return "reject with " + type + (value["expr"] is JsonValue code ? " " + Value(code, false) : string.Empty);
                case "log":
                    var log = new StringBuilder("log");
                    if (value["prefix"]?.StringValue is string prefix)
                    {
                        log.Append(" prefix ").Append(Quote(prefix));
                    }

                    if (value["level"]?.StringValue is string level)
                    {
                        log.Append(" level ").Append(level);
                    }

                    if (value["group"] is JsonValue group)
                    {
                        log.Append(" group ").Append(Value(group, false));
                    }

                    return log.ToString();
                case "limit":
                    return Limit(value);
                case "vmap":
                    return Expression(value["key"] ?? JsonValue.Null) + " vmap " + Value(value["data"] ?? JsonValue.Null, false);
                case "xt":
                    return "xt " + value["type"]?.StringValue + " " + value["name"]?.StringValue;
                case "mangle":
                    return Expression(value["key"] ?? JsonValue.Null) + " set " + Value(value["value"] ?? JsonValue.Null, false);
                default:
                    return value.Kind == JsonKind.Null ? key : key + " " + value;
            }
        }

        public static string Expression(JsonValue expression)
        {
            if (expression.Kind != JsonKind.Object || expression.Count != 1)
            {
                return Value(expression, false);
            }

            var key = expression.Properties[0].Key;
            var body = expression.Properties[0].Value;
            switch (key)
            {
                case "payload":
                    if (body["protocol"]?.StringValue is string protocol)
                    {
                        return protocol + " " + body["field"]?.StringValue;
                    }

                    return $"@{body["base"]?.StringValue},{Number(body["offset"])},{Number(body["len"])}";
                case "meta":
                    var meta = body["key"]?.StringValue ?? "?";
                    return IsUnqualifiedMeta(meta) ? meta : "meta " + meta;
                case "ct":
                    return "ct " + (body["dir"]?.StringValue is string dir ? dir + " " : string.Empty) + (body["family"]?.StringValue is string family ? family + " " : string.Empty) + body["key"]?.StringValue;
                case "fib":
                    var flags = body["flags"] ?? JsonValue.Null;
                    return "fib " + (flags.StringValue ?? Join(flags, " . ")) + " " + body["result"]?.StringValue;
                case "&":
                case "|":
                case "^":
                case "<<":
                case ">>":
                    if (body.Kind == JsonKind.Array && body.Count == 2)
                    {
                        return Expression(body[0]) + " " + key + " " + Value(body[1], false);
                    }

                    break;
                case "concat":
                    return Join(body, " . ", Expression);
            }

            return key + " " + body;
        }

        public static string Value(JsonValue value, bool quote)
        {
            switch (value.Kind)
            {
                case JsonKind.String:
                    return quote ? Quote(value.StringValue!) : value.StringValue!;
                case JsonKind.Number:
                    return value.NumberText!;
                case JsonKind.True:
                    return "exists";
                case JsonKind.False:
                    return "missing";
                case JsonKind.Null:
                    return "null";
                case JsonKind.Array:
                    return Join(value, ",", v => Value(v, quote));
            }

            if (value["prefix"] is JsonValue prefix)
            {
                return prefix["addr"]?.StringValue + "/" + Number(prefix["len"]);
            }

            if (value["range"] is JsonValue range && range.Count == 2)
            {
                return Value(range[0], quote) + "-" + Value(range[1], quote);
            }

            if (value["set"] is JsonValue set)
            {
                return "{ " + (set.Kind == JsonKind.Array ? Join(set, ", ", e => Element(e, quote)) : Value(set, quote)) + " }";
            }

            if (value["elem"] is JsonValue elem)
            {
                return Value(elem["val"] ?? JsonValue.Null, quote);
            }

            if (value["concat"] is JsonValue concat)
            {
                return Join(concat, " . ", v => Value(v, quote));
            }

            return Verdict(value) ?? value.ToString();
        }

        /// <summary>A right side as a column value: 22, 22,2222, 1000-2000, 198.51.100.0/24, @set.</summary>
        public static string Compact(JsonValue value)
        {
            if (value["set"] is JsonValue set && set.Kind == JsonKind.Array)
            {
                return Join(set, ",", Compact);
            }

            return Value(value, false);
        }

        /// <summary>nft quotes the names of interfaces.</summary>
        public static bool QuotesValues(JsonValue left)
        {
            var key = left["meta"]?["key"]?.StringValue;
            return key == "iifname" || key == "oifname" || key == "iif" || key == "oif";
        }

        public static string Join(JsonValue array, string separator) => Join(array, separator, v => v.StringValue ?? v.ToString());

        private static string Join(JsonValue array, string separator, Func<JsonValue, string> render)
        {
            var builder = new StringBuilder();
            foreach (var item in array.Items)
            {
                if (builder.Length > 0)
                {
                    builder.Append(separator);
                }

                builder.Append(render(item));
            }

            return builder.ToString();
        }

        // A verdict map element is [key, verdict].
        private static string Element(JsonValue element, bool quote) =>
            element.Kind == JsonKind.Array && element.Count == 2 ? Value(element[0], quote) + " : " + Value(element[1], false) : Value(element, quote);

        private static string? Verdict(JsonValue value)
        {
            if (value.Kind != JsonKind.Object || value.Count != 1)
            {
                return null;
            }

            var key = value.Properties[0].Key;
            switch (key)
            {
                case "accept":
                case "drop":
                case "continue":
                case "return":
                    return key;
                case "jump":
                case "goto":
                    return key + " " + value.Properties[0].Value["target"]?.StringValue;
                default:
                    return null;
            }
        }

        private static string Limit(JsonValue limit)
        {
            var builder = new StringBuilder("limit rate ");
            if (limit["inv"]?.BooleanValue == true)
            {
                builder.Append("over ");
            }

            builder.Append(Number(limit["rate"]));
            if (limit["rate_unit"]?.StringValue is string unit && unit != "packets")
            {
                builder.Append(' ').Append(unit);
            }

            builder.Append('/').Append(limit["per"]?.StringValue);

            // nft leaves out the default burst of 5 packets.
            if (limit["burst"] is JsonValue burst && burst.TryGetInt64(out var packets) && packets != 5 && packets != 0)
            {
                builder.Append(" burst ").Append(burst.NumberText).Append(' ').Append(limit["burst_unit"]?.StringValue ?? "packets");
            }

            return builder.ToString();
        }

        private static string Number(JsonValue? value) => value?.NumberText ?? value?.StringValue ?? "0";

        private static bool IsUnqualifiedMeta(string key) =>
            key == "iif" || key == "oif" || key == "iifname" || key == "oifname" || key == "iifgroup" || key == "oifgroup";

        private static string Quote(string text) => "\"" + text + "\"";
    }
}
