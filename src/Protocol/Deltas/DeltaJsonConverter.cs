using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCollab.Protocol.Deltas;

/// <summary>
/// Maps <see cref="Delta"/> to and from Quill's wire shape inside other System.Text.Json
/// messages. Invalid deltas throw a <see cref="JsonException"/> whose message names the
/// problem and whose inner exception is the <see cref="DeltaFormatException"/>.
/// </summary>
public sealed class DeltaJsonConverter : JsonConverter<Delta>
{
    /// <inheritdoc/>
    public override bool HandleNull => false;

    /// <inheritdoc/>
    public override Delta Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return DeltaJsonReader.Read(ref reader);
        }
        catch (DeltaFormatException e)
        {
            throw new JsonException(e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // The reader reports some invalid strings (e.g. a lone surrogate in a key) this way.
            throw new JsonException($"invalid JSON string: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Delta value, JsonSerializerOptions options) => value.WriteTo(writer);
}
