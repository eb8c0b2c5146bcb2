using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace AkkaCollab.Protocol.Deltas;

// JSON in Quill's wire shape: {"ops":[{"insert":"a","attributes":{"bold":true}},{"retain":1},{"delete":2}]}.
public sealed partial class Delta
{
    /// <summary>Parses Quill's wire shape strictly (see <see cref="DeltaFormatException"/> for what is rejected).</summary>
    /// <exception cref="DeltaFormatException">The JSON is malformed or not a valid delta; the message says what and where.</exception>
    public static Delta FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            var delta = DeltaJsonReader.Read(ref reader);
            if (reader.Read())
            {
                throw new DeltaFormatException("$: unexpected content after the delta");
            }
            return delta;
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json's reader reports some invalid strings this way.
            throw new DeltaFormatException($"invalid JSON string: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new DeltaFormatException($"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}", e);
        }
    }

    /// <summary>Parses Quill's wire shape without throwing; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryFromJson(string json, [NotNullWhen(true)] out Delta? delta, [NotNullWhen(false)] out string? error)
    {
        try
        {
            delta = FromJson(json);
            error = null;
            return true;
        }
        catch (DeltaFormatException e)
        {
            delta = null;
            error = e.Message;
            return false;
        }
        catch (ArgumentNullException)
        {
            delta = null;
            error = "$: no JSON";
            return false;
        }
    }

    /// <summary>The delta in Quill's wire shape.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (16 * _ops.Length));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Non-ASCII text stays readable and compact on the wire (this JSON is never inlined into HTML).
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the delta in Quill's wire shape.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("ops");
        foreach (var op in _ops)
        {
            writer.WriteStartObject();
            switch (op)
            {
                case InsertOp { Text: { } text }:
                    JsonStrings.Write(writer, "insert", text);
                    break;
                case InsertOp insert:
                    writer.WritePropertyName("insert");
                    insert.Embed!.Json.WriteTo(writer);
                    break;
                case RetainOp retain:
                    writer.WriteNumber("retain", retain.Count);
                    break;
                case DeleteOp delete:
                    writer.WriteNumber("delete", delete.Count);
                    break;
            }
            if (op.Attributes is { } attributes)
            {
                writer.WritePropertyName("attributes");
                attributes.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
