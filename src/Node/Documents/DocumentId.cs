using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCollab.Node.Documents;

// A document's identity: 1-128 characters of [A-Za-z0-9._-]. The id is also the sharding key
// and part of the persistence id, so it is validated once, here, at the boundary.
[JsonConverter(typeof(DocumentIdJsonConverter))]
public sealed record DocumentId
{
    public const int MaxLength = 128;

    public string Value { get; }

    private DocumentId(string value) => Value = value;

    public static DocumentId Parse(string? value) =>
        TryParse(value, out var id, out var error) ? id! : throw new ArgumentException(error, nameof(value));

    public static bool TryParse(string? value, out DocumentId? id, out string? error)
    {
        id = null;
        error = Check(value);
        if (error is not null)
        {
            return false;
        }
        id = new DocumentId(value!);
        return true;
    }

    public override string ToString() => Value;

    private static string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "document id: must be 1-128 characters of [A-Za-z0-9._-], got an empty id";
        }
        if (value.Length > MaxLength)
        {
            return $"document id: must be at most {MaxLength} characters, got {value.Length}";
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"document id: character {i} ('{c}') is not one of [A-Za-z0-9._-]";
            }
        }
        return null;
    }
}

public sealed class DocumentIdJsonConverter : JsonConverter<DocumentId>
{
    public override DocumentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"document id: expected a string, got {reader.TokenType}");
        }
        return DocumentId.TryParse(reader.GetString(), out var id, out var error) ? id! : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, DocumentId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
