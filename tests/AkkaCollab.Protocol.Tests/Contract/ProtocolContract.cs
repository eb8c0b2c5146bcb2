using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AkkaCollab.Protocol.Validation;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Protocol.Tests.Contract;

/// <summary>
/// Builds src/Web/client/src/lib/protocol-contract.json from the C# definitions: the version
/// window, the wire actions, the error and close tables, the default validation rules and the
/// link vectors with their verdicts. Its shape is fixed (the browser client imports it).
/// </summary>
internal static class ProtocolContract
{
    public const string RelativePath = "src/Web/client/src/lib/protocol-contract.json";

    public static string Build()
    {
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            w.WriteStartObject();
            w.WriteStartObject("protocol");
            w.WriteNumber("min", ProtocolVersion.Min);
            w.WriteNumber("max", ProtocolVersion.Max);
            w.WriteEndObject();
            WriteActions(w);
            WriteErrorCodes(w);
            WriteCloseCodes(w);
            WriteValidation(w, DeltaValidationOptions.Default);
            WriteLinkVectors(w, DeltaValidationOptions.Default);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The constants of <paramref name="type"/> in declaration order.</summary>
    public static IEnumerable<FieldInfo> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .OrderBy(field => field.MetadataToken);

    private static void WriteActions(Utf8JsonWriter w)
    {
        w.WriteStartObject("actions");
        foreach (var field in Constants(typeof(WireActions)))
        {
            w.WriteString(field.Name, (string)field.GetRawConstantValue()!);
        }
        w.WriteEndObject();
    }

    private static void WriteErrorCodes(Utf8JsonWriter w) => Rows(w, "errorCodes", ErrorCodes.All, info =>
    {
        w.WriteString("name", info.Name);
        w.WriteString("group", Snake(info.Group));
        w.WriteString("reaction", Snake(info.Reaction));
        w.WriteBoolean("retry", info.Retry);
    });

    private static void WriteCloseCodes(Utf8JsonWriter w) => Rows(w, "closeCodes", CloseCodes.All, info =>
    {
        w.WriteNumber("code", info.Code);
        w.WriteString("name", info.Name);
        w.WriteString("reaction", Snake(info.Reaction));
        w.WriteBoolean("reconnect", info.Reconnect);
    });

    private static void WriteValidation(Utf8JsonWriter w, DeltaValidationOptions rules)
    {
        w.WriteStartObject("validation");
        w.WriteNumber("maxOps", rules.MaxOps);
        w.WriteNumber("maxInsertLength", rules.MaxInsertLength);
        w.WriteNumber("maxDocumentLength", rules.MaxDocumentLength);
        w.WriteNumber("maxValueLength", rules.MaxValueLength);
        Strings(w, "formats", rules.AllowedFormats);
        Strings(w, "embeds", rules.AllowedEmbeds);
        Strings(w, "linkSchemes", rules.LinkSchemes.Select(s => s.ToLowerInvariant()));
        Strings(w, "embedSchemes", rules.EmbedSchemes.Select(s => s.ToLowerInvariant()));
        w.WriteEndObject();
    }

    private static void WriteLinkVectors(Utf8JsonWriter w, DeltaValidationOptions rules) => Rows(w, "linkVectors", LinkVectors.All, url =>
    {
        w.WriteString("url", url);
        w.WriteBoolean("link", LinkSafety.IsSafe(url, rules.LinkSchemes));
        w.WriteBoolean("embed", LinkSafety.IsSafe(url, rules.EmbedSchemes));
    });

    private static void Rows<T>(Utf8JsonWriter w, string name, IEnumerable<T> rows, Action<T> fields)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            fields(row);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // Sets have no order; sorted, the file changes only when the rules do.
    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values.Order(StringComparer.Ordinal))
        {
            w.WriteStringValue(value);
        }
        w.WriteEndArray();
    }

    private static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
