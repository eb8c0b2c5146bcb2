using System.Text.Json;

namespace AkkaCollab.Protocol.Deltas;

// Strict reader of Quill's wire shape {"ops":[...]}. Everything a client can get wrong
// is a DeltaFormatException naming the path: unknown keys, an op with two
// actions or none, counts that are negative, fractional or beyond int, attributes that are not
// an object, object retains (quill-delta 5 embed handlers, which we do not support).
// Zero-length ops are dropped and the ops are normalized like quill-delta's push.
internal static class DeltaJsonReader
{
    internal static Delta Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None && !reader.Read())
        {
            throw Error("$", "empty input");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error("$", $"must be an object {{\"ops\":[...]}}, got {Describe(reader.TokenType)}");
        }
        Delta? delta = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            if (name != "ops")
            {
                throw Error("$", $"unknown property '{name}'");
            }
            if (delta is not null)
            {
                throw Error("$", "duplicate property 'ops'");
            }
            delta = ReadOps(ref reader);
        }
        return delta ?? throw Error("$", "missing \"ops\" array");
    }

    private static Delta ReadOps(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error("ops", $"must be an array, got {Describe(reader.TokenType)}");
        }
        var builder = new DeltaBuilder();
        var index = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            var op = ReadOp(ref reader, index);
            if (op is not null)
            {
                try
                {
                    builder.Push(op);
                }
                catch (OverflowException)
                {
                    // Merging adjacent retains or deletes went past int.MaxValue.
                    throw Error($"ops[{index}]", $"the merged {OpIterator.KindOf(op).ToString().ToLowerInvariant()} is longer than {int.MaxValue}");
                }
            }
            index++;
        }
        return builder.Build();
    }

    private static Op? ReadOp(ref Utf8JsonReader reader, int index)
    {
        var path = $"ops[{index}]";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(path, $"must be an object, got {Describe(reader.TokenType)}");
        }
        string? action = null;
        string? text = null;
        Embed? embed = null;
        var count = 0;
        AttributeMap? attributes = null;
        var hasAttributes = false;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            switch (name)
            {
                case "insert" or "retain" or "delete":
                    if (action is not null)
                    {
                        throw Error(path, action == name ? $"duplicate '{name}'" : $"has two actions, '{action}' and '{name}'");
                    }
                    action = name;
                    if (name == "insert")
                    {
                        ReadInsert(ref reader, path, out text, out embed);
                    }
                    else
                    {
                        count = ReadCount(ref reader, $"{path}.{name}", name);
                    }
                    break;
                case "attributes":
                    if (hasAttributes)
                    {
                        throw Error(path, "duplicate 'attributes'");
                    }
                    hasAttributes = true;
                    attributes = ReadAttributes(ref reader, $"{path}.attributes");
                    break;
                default:
                    throw Error(path, $"unknown property '{name}'");
            }
        }
        if (action is null)
        {
            throw Error(path, "has no action: expected one of 'insert', 'retain', 'delete'");
        }
        if (action == "delete" && hasAttributes)
        {
            throw Error(path, "a delete takes no attributes");
        }
        return action switch
        {
            "insert" when embed is not null => new InsertOp(embed, attributes),
            "insert" => text!.Length == 0 ? null : new InsertOp(text, attributes),
            "retain" => count == 0 ? null : new RetainOp(count, attributes),
            _ => count == 0 ? null : new DeleteOp(count),
        };
    }

    private static void ReadInsert(ref Utf8JsonReader reader, string path, out string? text, out Embed? embed)
    {
        text = null;
        embed = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                text = JsonStrings.Read(ref reader);
                break;
            case JsonTokenType.StartObject:
                embed = Embed.FromDetached(JsonElement.ParseValue(ref reader));
                break;
            default:
                throw Error($"{path}.insert", $"must be a string or an embed object, got {Describe(reader.TokenType)}");
        }
    }

    private static int ReadCount(ref Utf8JsonReader reader, string path, string name)
    {
        if (reader.TokenType == JsonTokenType.StartObject && name == "retain")
        {
            throw Error(path, "object retains (embed changes) are not supported; must be a non-negative integer");
        }
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Error(path, $"must be a non-negative integer, got {Describe(reader.TokenType)}");
        }
        if (reader.TryGetInt32(out var value))
        {
            return value >= 0 ? value : throw Error(path, $"must be a non-negative integer, got {value}");
        }
        var raw = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
        var number = reader.GetDouble();
        if (number < 0)
        {
            throw Error(path, $"must be a non-negative integer, got {raw}");
        }
        if (number != Math.Floor(number))
        {
            throw Error(path, $"must be an integer, got fractional {raw}");
        }
        if (number > int.MaxValue)
        {
            throw Error(path, $"is too large ({raw}); the maximum is {int.MaxValue}");
        }
        // Integral and in range but written with a fraction or exponent, e.g. 3.0 or 1e3.
        return (int)number;
    }

    private static AttributeMap? ReadAttributes(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(path, $"must be an object, got {Describe(reader.TokenType)}");
        }
        var builder = new AttributeMap.Builder(2);
        // Large maps (hostile input) get a set so that the duplicate check stays linear.
        HashSet<string>? seen = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            Next(ref reader);
            if (seen is null && builder.Count >= 16)
            {
                seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var existing in builder.KeysSoFar())
                {
                    seen.Add(existing);
                }
            }
            if (seen is not null ? !seen.Add(key) : builder.Contains(key))
            {
                throw Error(path, $"duplicate attribute '{key}'");
            }
            builder.Add(key, ReadValue(ref reader, $"{path}.{key}"));
        }
        var map = builder.Build();
        return map.Count == 0 ? null : map;
    }

    private static JsonElement ReadValue(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            // Shared instances for the common scalars; everything else gets its own detached element.
            case JsonTokenType.True:
                return JsonValues.True;
            case JsonTokenType.False:
                return JsonValues.False;
            case JsonTokenType.Null:
                return JsonValues.Null;
            case JsonTokenType.String:
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    // Format values are names, colors and URLs; a lone surrogate there is only an attack.
                    throw Error(path, "invalid UTF-16 (a lone surrogate)");
                }
                return JsonElement.ParseValue(ref reader);
            default:
                return JsonElement.ParseValue(ref reader);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Error("$", "unexpected end of input");
        }
        return reader.TokenType;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static DeltaFormatException Error(string path, string problem) => new($"{path}: {problem}");
}
