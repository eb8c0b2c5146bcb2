using System.Text.Json;

namespace AkkaCollab.Protocol.Deltas;

/// <summary>
/// An embedded object inserted into a document, such as <c>{"image":"https://…"}</c>. It has
/// length 1. Equality is deep and ignores key order.
/// </summary>
public sealed class Embed : IEquatable<Embed>
{
    private Embed(JsonElement json)
    {
        Json = json;
        foreach (var property in json.EnumerateObject())
        {
            Type = property.Name;
            Data = property.Value;
            break;
        }
        Type ??= string.Empty;
    }

    /// <summary>The whole embed object.</summary>
    public JsonElement Json { get; }

    /// <summary>The embed type: the object's first key (e.g. "image"); empty for an empty object.</summary>
    public string Type { get; }

    /// <summary>The value under <see cref="Type"/> (e.g. the image URL).</summary>
    public JsonElement Data { get; }

    /// <summary>Creates an embed <c>{type: value}</c>; value may be any JSON-serializable value.</summary>
    public static Embed Create(string type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(type);
            JsonValues.From(value).WriteTo(writer);
            writer.WriteEndObject();
        }
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return new Embed(JsonElement.ParseValue(ref reader));
    }

    /// <summary>Creates an embed from a JSON object such as <c>{"formula":"e=mc^2"}</c>.</summary>
    /// <exception cref="ArgumentException">The JSON is not an object.</exception>
    public static Embed FromJson(string json) => FromJsonElement(JsonValues.Parse(json));

    /// <summary>Creates an embed from a JSON object element (copied).</summary>
    /// <exception cref="ArgumentException">The element is not an object.</exception>
    public static Embed FromJsonElement(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"an embed must be a JSON object, got {element.ValueKind}", nameof(element));
        }
        return new Embed(element.Clone());
    }

    // Wraps an element the caller guarantees is a detached JSON object.
    internal static Embed FromDetached(JsonElement element) => new(element);

    /// <summary>Deep, key-order-insensitive equality.</summary>
    public bool Equals(Embed? other) =>
        other is not null && (ReferenceEquals(this, other) || JsonValues.DeepEquals(Json, other.Json));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Embed);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Type);

    /// <inheritdoc/>
    public override string ToString() => Json.GetRawText();
}
