using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AkkaCollab.Protocol.Deltas;

/// <summary>
/// An immutable map of format name to JSON value (quill-delta's AttributeMap). A JSON null value
/// means "remove this format". Equality is deep and ignores key order, like lodash isEqual.
/// The static operations follow quill-delta 5.1 exactly and return null for an empty result.
/// </summary>
public sealed partial class AttributeMap : IReadOnlyDictionary<string, JsonElement>, IEquatable<AttributeMap>
{
    // Insertion order is kept so that JSON output matches quill-delta's key order;
    // maps are small (a handful of formats), so lookups scan linearly.
    private readonly string[] _keys;
    private readonly JsonElement[] _values;
    private int _hash;

    /// <summary>The empty map (never stored on an op: builders drop empty attributes).</summary>
    public static AttributeMap Empty { get; } = new([], []);

    private AttributeMap(string[] keys, JsonElement[] values)
    {
        _keys = keys;
        _values = values;
    }

    /// <summary>Creates a map from (key, value) pairs; values may be string, bool, number, null, JsonElement, JsonNode or any serializable object. A later duplicate key wins.</summary>
    public static AttributeMap From(params (string Key, object? Value)[] pairs)
    {
        var builder = new Builder(pairs.Length);
        foreach (var (key, value) in pairs)
        {
            ArgumentNullException.ThrowIfNull(key);
            builder.Set(key, JsonValues.From(value));
        }
        return builder.Build();
    }

    /// <summary>Creates a map from a JSON object such as <c>{"bold":true}</c>.</summary>
    /// <exception cref="ArgumentException">The JSON is not an object.</exception>
    public static AttributeMap FromJson(string json) => FromJsonElement(JsonValues.Parse(json));

    /// <summary>Creates a map from a JSON object element (values are copied).</summary>
    /// <exception cref="ArgumentException">The element is not an object.</exception>
    public static AttributeMap FromJsonElement(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"attributes must be a JSON object, got {element.ValueKind}", nameof(element));
        }
        var builder = new Builder(4);
        foreach (var property in element.EnumerateObject())
        {
            builder.Set(property.Name, property.Value.Clone());
        }
        return builder.Build();
    }

    /// <summary>The number of formats.</summary>
    public int Count => _keys.Length;

    /// <summary>The format names, in insertion order.</summary>
    public IEnumerable<string> Keys => _keys;

    /// <summary>The values, in key order.</summary>
    public IEnumerable<JsonElement> Values => _values;

    /// <summary>The JSON value of a format.</summary>
    /// <exception cref="KeyNotFoundException">The format is absent.</exception>
    public JsonElement this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"attribute '{key}' is absent");

    /// <summary>Whether the format is present (with any value, including null).</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>Gets the JSON value of a format.</summary>
    public bool TryGetValue(string key, out JsonElement value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : default;
        return index >= 0;
    }

    /// <summary>Gets a string-valued format.</summary>
    public bool TryGetString(string key, [NotNullWhen(true)] out string? value)
    {
        var index = IndexOf(key);
        value = index >= 0 && _values[index].ValueKind == JsonValueKind.String ? _values[index].GetString() : null;
        return value is not null;
    }

    /// <summary>Whether the format is present with JSON null (a removal).</summary>
    public bool IsNull(string key)
    {
        var index = IndexOf(key);
        return index >= 0 && _values[index].ValueKind == JsonValueKind.Null;
    }

    /// <summary>A copy with one format set (to JSON null for a removal).</summary>
    public AttributeMap With(string key, object? value)
    {
        var builder = new Builder(Count + 1);
        builder.AddAll(this);
        builder.Set(key, JsonValues.From(value));
        return builder.Build();
    }

    /// <summary>A copy without the format.</summary>
    public AttributeMap Without(string key)
    {
        if (IndexOf(key) < 0)
        {
            return this;
        }
        var builder = new Builder(Count);
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != key)
            {
                builder.Set(_keys[i], _values[i]);
            }
        }
        return builder.Build();
    }

    /// <summary>
    /// Applies b over a (quill AttributeMap.compose): b's formats win; nulls in b are kept only
    /// when <paramref name="keepNull"/> (composing onto a retain), otherwise they remove.
    /// </summary>
    public static AttributeMap? Compose(AttributeMap? a, AttributeMap? b, bool keepNull)
    {
        if (b is null || b.Count == 0)
        {
            return NullIfEmpty(a);
        }
        var hasNull = false;
        foreach (var value in b._values)
        {
            hasNull |= value.ValueKind == JsonValueKind.Null;
        }
        if ((a is null || a.Count == 0) && (keepNull || !hasNull))
        {
            return b;
        }
        var builder = new Builder(b.Count + (a?.Count ?? 0));
        for (var i = 0; i < b._keys.Length; i++)
        {
            if (keepNull || b._values[i].ValueKind != JsonValueKind.Null)
            {
                builder.Add(b._keys[i], b._values[i]);
            }
        }
        if (a is not null)
        {
            for (var i = 0; i < a._keys.Length; i++)
            {
                if (b.IndexOf(a._keys[i]) < 0)
                {
                    builder.Add(a._keys[i], a._values[i]);
                }
            }
        }
        return NullIfEmpty(builder.Build());
    }

    /// <summary>The formats that turn a into b (quill AttributeMap.diff): changed values, and null for formats b lacks.</summary>
    public static AttributeMap? Diff(AttributeMap? a, AttributeMap? b)
    {
        a ??= Empty;
        b ??= Empty;
        if (ReferenceEquals(a, b))
        {
            return null;
        }
        var builder = new Builder(0);
        for (var i = 0; i < a._keys.Length; i++)
        {
            var key = a._keys[i];
            if (!b.TryGetValue(key, out var bValue))
            {
                builder.Add(key, JsonValues.Null);
            }
            else if (!JsonValues.DeepEquals(a._values[i], bValue))
            {
                builder.Add(key, bValue);
            }
        }
        for (var i = 0; i < b._keys.Length; i++)
        {
            if (a.IndexOf(b._keys[i]) < 0)
            {
                builder.Add(b._keys[i], b._values[i]);
            }
        }
        return NullIfEmpty(builder.Build());
    }

    /// <summary>
    /// The formats that undo <paramref name="attr"/> applied over <paramref name="baseAttributes"/>
    /// (quill AttributeMap.invert, including its strict-equality comparison).
    /// </summary>
    public static AttributeMap? Invert(AttributeMap? attr, AttributeMap? baseAttributes)
    {
        attr ??= Empty;
        var baseMap = baseAttributes ?? Empty;
        var builder = new Builder(0);
        for (var i = 0; i < baseMap._keys.Length; i++)
        {
            if (attr.TryGetValue(baseMap._keys[i], out var value) && !JsonValues.StrictEquals(baseMap._values[i], value))
            {
                builder.Add(baseMap._keys[i], baseMap._values[i]);
            }
        }
        for (var i = 0; i < attr._keys.Length; i++)
        {
            if (baseMap.IndexOf(attr._keys[i]) < 0)
            {
                builder.Add(attr._keys[i], JsonValues.Null);
            }
        }
        return NullIfEmpty(builder.Build());
    }

    /// <summary>
    /// Transforms b against a concurrent a (quill AttributeMap.transform): without priority b
    /// simply wins; with priority (a happened first) b keeps only the formats a did not set.
    /// </summary>
    public static AttributeMap? Transform(AttributeMap? a, AttributeMap? b, bool priority)
    {
        if (a is null)
        {
            return NullIfEmpty(b);
        }
        if (b is null || b.Count == 0)
        {
            return null;
        }
        if (!priority)
        {
            return b;
        }
        var builder = new Builder(b.Count);
        for (var i = 0; i < b._keys.Length; i++)
        {
            if (a.IndexOf(b._keys[i]) < 0)
            {
                builder.Add(b._keys[i], b._values[i]);
            }
        }
        return NullIfEmpty(builder.Build());
    }

    /// <summary>Writes the map as a JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        for (var i = 0; i < _keys.Length; i++)
        {
            writer.WritePropertyName(_keys[i]);
            _values[i].WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>The map as a JSON object string.</summary>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc/>
    public override string ToString() => ToJson();

    /// <summary>Deep, key-order-insensitive equality.</summary>
    public bool Equals(AttributeMap? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || other._keys.Length != _keys.Length)
        {
            return false;
        }
        for (var i = 0; i < _keys.Length; i++)
        {
            var j = other._keys[i] == _keys[i] ? i : other.IndexOf(_keys[i]);
            if (j < 0 || !JsonValues.DeepEquals(_values[i], other._values[j]))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AttributeMap);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = _keys.Length;
            for (var i = 0; i < _keys.Length; i++)
            {
                // Order-insensitive: a commutative sum of per-entry hashes.
                hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(_keys[i]), JsonValues.Hash(_values[i]));
            }
            _hash = hash == 0 ? 1 : hash;
        }
        return _hash;
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(AttributeMap? left, AttributeMap? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(AttributeMap? left, AttributeMap? right) => !(left == right);

    /// <summary>Enumerates the formats in insertion order.</summary>
    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, JsonElement>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal string KeyAt(int index) => _keys[index];

    internal JsonElement ValueAt(int index) => _values[index];

    private int IndexOf(string key)
    {
        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static AttributeMap? NullIfEmpty(AttributeMap? map) => map is null || map.Count == 0 ? null : map;
}
