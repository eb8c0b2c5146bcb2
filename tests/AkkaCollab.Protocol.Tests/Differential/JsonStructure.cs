using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AkkaCollab.Protocol.Tests.Differential;

/// <summary>
/// Structural JSON comparison, the way quill-delta's results are meant: object key order is
/// ignored, numbers compare by value (1.5 equals 15e-1), everything else exactly.
/// </summary>
internal static class JsonStructure
{
    /// <summary>Null when both are equal, otherwise the JSON path of the first difference.</summary>
    public static string? FirstDifference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path} ({expected.ValueKind} vs {actual.ValueKind})";
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                return FirstObjectDifference(expected, actual, path);
            case JsonValueKind.Array:
                var expectedLength = expected.GetArrayLength();
                var actualLength = actual.GetArrayLength();
                for (var i = 0; i < Math.Min(expectedLength, actualLength); i++)
                {
                    var difference = FirstDifference(expected[i], actual[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }
                return expectedLength == actualLength ? null : $"{path} (length {expectedLength} vs {actualLength})";
            case JsonValueKind.Number:
                return expected.GetDouble() == actual.GetDouble() ? null : path;
            case JsonValueKind.String:
                return StringsEqual(expected, actual) ? null : path;
            default:
                // true, false, null: the kind is the value.
                return null;
        }
    }

    /// <summary>Whether two JSON texts are structurally equal.</summary>
    public static bool Equal(string expected, string actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        return FirstDifference(expectedDocument.RootElement, actualDocument.RootElement) is null;
    }

    private static string? FirstObjectDifference(JsonElement expected, JsonElement actual, string path)
    {
        var actualProperties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in actual.EnumerateObject())
        {
            if (!actualProperties.TryAdd(property.Name, property.Value))
            {
                return $"{path}.{property.Name} (duplicate key in actual)";
            }
        }
        var expectedCount = 0;
        foreach (var property in expected.EnumerateObject())
        {
            expectedCount++;
            if (!actualProperties.TryGetValue(property.Name, out var value))
            {
                return $"{path}.{property.Name} (missing in actual)";
            }
            var difference = FirstDifference(property.Value, value, $"{path}.{property.Name}");
            if (difference is not null)
            {
                return difference;
            }
        }
        if (expectedCount == actualProperties.Count)
        {
            return null;
        }
        var extra = actualProperties.Keys.First(key => !expected.TryGetProperty(key, out _));
        return $"{path}.{extra} (unexpected in actual)";
    }

    private static bool StringsEqual(JsonElement expected, JsonElement actual) =>
        string.Equals(Decode(expected), Decode(actual), StringComparison.Ordinal);

    /// <summary>
    /// The string value. System.Text.Json refuses to decode an escaped lone surrogate ("\ud83d",
    /// which quill-delta produces when a retain ends inside an emoji), so those are unescaped here.
    /// </summary>
    private static string Decode(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = element.GetRawText();
            var text = new StringBuilder(raw.Length);
            for (var i = 1; i < raw.Length - 1; i++)
            {
                if (raw[i] != '\\')
                {
                    text.Append(raw[i]);
                    continue;
                }
                i++;
                text.Append(raw[i] switch
                {
                    'b' => '\b',
                    'f' => '\f',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'u' => (char)int.Parse(raw.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
                    var c => c, // \" \\ \/
                });
                if (raw[i] == 'u')
                {
                    i += 4;
                }
            }
            return text.ToString();
        }
    }
}
