using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCollab.Node.Documents;

// DocumentId as a JSON string, validated on the way in.
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
