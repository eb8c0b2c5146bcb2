using System.Globalization;
using System.Text.Json;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Tests.Shared;

namespace AkkaCollab.Protocol.Tests.Differential;

/// <summary>
/// Runs one case line of differential.mjs with the C# Delta and returns the result as JSON
/// text, in the shape the script wrote quill-delta's "result" in.
/// </summary>
internal static class DifferentialCase
{
    public static string Run(JsonElement c)
    {
        var kind = c.GetProperty("kind").GetString();
        return kind switch
        {
            "compose" => DeltaOf(c, "a").Compose(DeltaOf(c, "b")).ToJson(),
            "transform" => DeltaOf(c, "a").Transform(DeltaOf(c, "b"), c.GetProperty("priority").GetBoolean()).ToJson(),
            "transformPosition" => DeltaOf(c, "delta")
                .TransformPosition(c.GetProperty("index").GetInt32(), c.GetProperty("priority").GetBoolean())
                .ToString(CultureInfo.InvariantCulture),
            "invert" => DeltaOf(c, "change").Invert(DeltaOf(c, "base")).ToJson(),
            "diff" => DeltaOf(c, "a").Diff(DeltaOf(c, "b")).ToJson(),
            "slice" => Slice(c).ToJson(),
            "concat" => DeltaOf(c, "a").Concat(DeltaOf(c, "b")).ToJson(),
            "chop" => DeltaOf(c, "delta").Chop().ToJson(),
            "length" => Lengths(DeltaOf(c, "delta")),
            "push" => Push(c.GetProperty("calls")).ToJson(),
            "json" => RoundTrip(c.GetProperty("json").GetString()!).ToJson(),
            _ => throw new InvalidOperationException($"unknown case kind '{kind}'"),
        };
    }

    private static Delta DeltaOf(JsonElement c, string name) => Delta.FromJson(c.GetProperty(name).GetRawText());

    private static Delta Slice(JsonElement c)
    {
        var delta = DeltaOf(c, "delta");
        var start = c.GetProperty("start").GetInt32();
        var end = c.GetProperty("end");
        // null is quill's default end (Infinity), which is the C# default parameter.
        return end.ValueKind == JsonValueKind.Null ? delta.Slice(start) : delta.Slice(start, end.GetInt32());
    }

    private static string Lengths(Delta delta) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"length\":{delta.Length()},\"changeLength\":{delta.ChangeLength()}}}");

    /// <summary>Replays the builder calls on both the immutable Delta verbs and DeltaBuilder; they must agree.</summary>
    private static Delta Push(JsonElement calls)
    {
        var immutable = Delta.Empty;
        var builder = new DeltaBuilder();
        foreach (var call in calls.EnumerateArray())
        {
            var verb = call.GetProperty("call").GetString();
            var attributes = call.TryGetProperty("attributes", out var a) ? AttributeMap.FromJsonElement(a) : null;
            switch (verb)
            {
                case "insert" when call.GetProperty("arg") is { ValueKind: JsonValueKind.String } text:
                    immutable = immutable.Insert(text.GetString()!, attributes);
                    builder.Insert(text.GetString()!, attributes);
                    break;
                case "insert":
                    var embed = Embed.FromJsonElement(call.GetProperty("arg"));
                    immutable = immutable.Insert(embed, attributes);
                    builder.Insert(embed, attributes);
                    break;
                case "retain":
                    immutable = immutable.Retain(call.GetProperty("length").GetInt32(), attributes);
                    builder.Retain(call.GetProperty("length").GetInt32(), attributes);
                    break;
                case "delete":
                    immutable = immutable.Delete(call.GetProperty("length").GetInt32());
                    builder.Delete(call.GetProperty("length").GetInt32());
                    break;
                case "push":
                    var op = Delta.FromJson($"{{\"ops\":[{call.GetProperty("op").GetRawText()}]}}").Ops.Single();
                    immutable = immutable.Push(op);
                    builder.Push(op);
                    break;
                default:
                    throw new InvalidOperationException($"unknown builder call '{verb}'");
            }
        }
        var built = builder.ToDelta();
        return built == immutable
            ? built
            : throw new InvalidOperationException($"the Delta verbs built {immutable.ToJson()} but DeltaBuilder built {built.ToJson()}");
    }

    /// <summary>Parses client JSON; writing it and reading it back must give an equal Delta.</summary>
    private static Delta RoundTrip(string json)
    {
        var delta = Delta.FromJson(json);
        var again = Delta.FromJson(delta.ToJson());
        return again == delta
            ? delta
            : throw new InvalidOperationException($"FromJson(ToJson()) changed the delta: {delta.ToJson()} became {again.ToJson()}");
    }
}
