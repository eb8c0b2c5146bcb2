using System.Text.Json;

namespace AkkaCollab.Protocol.Deltas;

// Helpers for the arbitrary JSON values carried by attributes and embeds.
internal static class JsonValues
{
    internal static readonly JsonElement Null = Parse("null");
    internal static readonly JsonElement True = Parse("true");
    internal static readonly JsonElement False = Parse("false");

    internal static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    // Converts a CLR value (string, bool, number, JsonElement, JsonNode, POCO) to a detached JsonElement.
    internal static JsonElement From(object? value) => value switch
    {
        null => Null,
        bool b => b ? True : False,
        JsonElement e => e.ValueKind == JsonValueKind.Undefined ? Null : e.Clone(),
        string s => JsonSerializer.SerializeToElement(s),
        _ => JsonSerializer.SerializeToElement(value, value.GetType()),
    };

    // Deep, key-order-insensitive equality, like lodash isEqual on parsed JSON.
    internal static bool DeepEquals(JsonElement a, JsonElement b)
    {
        var kind = a.ValueKind;
        if (kind != b.ValueKind)
        {
            return false;
        }
        return kind switch
        {
            JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False => true,
            JsonValueKind.Number => a.GetDouble() == b.GetDouble(),
            _ => JsonElement.DeepEquals(a, b),
        };
    }

    // JavaScript's strict equality (===) on parsed JSON: primitives by value, objects and arrays
    // never equal (two parses never share a reference). quill-delta's AttributeMap.invert uses it.
    internal static bool StrictEquals(JsonElement a, JsonElement b)
    {
        var kind = a.ValueKind;
        if (kind != b.ValueKind)
        {
            return false;
        }
        return kind switch
        {
            JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False => true,
            JsonValueKind.Number => a.GetDouble() == b.GetDouble(),
            JsonValueKind.String => a.ValueEquals(b.GetString()),
            _ => false,
        };
    }

    internal static int Hash(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => StringComparer.Ordinal.GetHashCode(e.GetString()!),
        JsonValueKind.Number => e.GetDouble().GetHashCode(),
        _ => (int)e.ValueKind,
    };
}
