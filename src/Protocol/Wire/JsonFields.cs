using System.Text.Json;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Wire;

// Reads the fields of one frame's JSON object and says precisely what is wrong with them.
// Every read either returns the value or records the first problem ("op.seq: must be an
// integer from 1 to 9007199254740991, got -3"); callers check Problem once.
internal sealed class JsonFields
{
    // JavaScript's largest safe integer: browsers cannot represent counters beyond it exactly.
    internal const long MaxSafeInteger = 9007199254740991;

    private readonly JsonElement _obj;
    private readonly string _action;
    private readonly HashSet<string> _allowed;

    internal JsonFields(JsonElement obj, string action, params string[] allowed)
    {
        _obj = obj;
        _action = action;
        _allowed = new HashSet<string>(allowed, StringComparer.Ordinal) { "a" };
        foreach (var property in obj.EnumerateObject())
        {
            if (!_allowed.Contains(property.Name))
            {
                Fail(property.Name, "unknown field");
                break;
            }
        }
    }

    internal string? Problem { get; private set; }

    internal string? String(string name, bool required, int maxLength)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) return Fail<string>(name, $"must be a string, got {Describe(value)}");
        var text = value.GetString()!;
        if (text.Length == 0 || text.Length > maxLength) return Fail<string>(name, $"must be 1 to {maxLength} characters long, got {text.Length}");
        return text;
    }

    internal string? Id(string name, int maxLength)
    {
        var text = String(name, required: true, maxLength);
        if (text is not null && !Identifiers.IsValid(text, maxLength))
        {
            return Fail<string>(name, "may only contain letters, digits, '.', '_' and '-'");
        }
        return text;
    }

    internal long? Integer(string name, bool required, long min, long max)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
        {
            return Fail<long?>(name, $"must be an integer from {min} to {max}, got {Describe(value)}");
        }
        return number;
    }

    internal bool? Boolean(string name)
    {
        if (!TryGet(name, required: false, out var value)) return null;
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return Fail<bool?>(name, $"must be true or false, got {Describe(value)}");
        return value.GetBoolean();
    }

    internal Delta? Delta(string name)
    {
        if (!TryGet(name, required: true, out var value)) return null;
        if (!Deltas.Delta.TryFromJson(value.GetRawText(), out var delta, out var error))
        {
            return Fail<Delta>(name, error ?? "is not a delta");
        }
        return delta;
    }

    internal CursorRange? Range(string name)
    {
        if (!TryGet(name, required: false, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object) return Fail<CursorRange>(name, $"must be an object {{index, length}} or null, got {Describe(value)}");
        var inner = new JsonFields(value, $"{_action}.{name}", "index", "length");
        var index = inner.Integer("index", required: true, 0, int.MaxValue);
        var length = inner.Integer("length", required: true, 0, int.MaxValue);
        if (inner.Problem is not null)
        {
            Problem ??= inner.Problem;
            return null;
        }
        return new CursorRange((int)index!.Value, (int)length!.Value);
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        if (Problem is not null)
        {
            value = default;
            return false;
        }
        if (!_obj.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Fail(name, "is required");
            return false;
        }
        return true;
    }

    private T? Fail<T>(string name, string problem)
    {
        Fail(name, problem);
        return default;
    }

    private void Fail(string name, string problem) => Problem ??= $"{_action}.{name}: {problem}";

    internal static string Describe(JsonElement value)
    {
        var raw = value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => value.GetRawText(),
        };
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }
}
