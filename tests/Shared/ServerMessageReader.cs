using System.Text.Json;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Tests.Shared;

/// <summary>
/// Parses the server's frames on the client side of tests. The server is trusted to speak the
/// protocol, so a frame that does not is an exception.
/// </summary>
internal static class ServerMessageReader
{
    /// <summary>Parses one server frame.</summary>
    /// <exception cref="FormatException">The frame is not a protocol v1 server message.</exception>
    public static ServerMessage Read(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var r = document.RootElement;
        var action = r.GetProperty("a").GetString();
        return action switch
        {
            WireActions.Hello => new ServerMessages.Welcome(r.GetProperty("v").GetInt32(), r.GetProperty("min").GetInt32(),
                r.GetProperty("max").GetInt32(), r.GetProperty("session").GetString()!),
            WireActions.Auth => new ServerMessages.Authenticated(Long(r, "exp")),
            WireActions.Snapshot => new ServerMessages.Snapshot(Doc(r), Long(r, "rev"), Delta(r)),
            WireActions.Subscribed => new ServerMessages.Subscribed(Doc(r), Long(r, "rev")),
            WireActions.Unsubscribe => new ServerMessages.Unsubscribed(Doc(r)),
            WireActions.Op => new ServerMessages.Op(Doc(r), Long(r, "rev"), r.GetProperty("client").GetString()!,
                Long(r, "seq"), r.GetProperty("user").GetString()!, Delta(r)),
            WireActions.Ack => new ServerMessages.Ack(Doc(r), Long(r, "seq"), Long(r, "rev"),
                r.TryGetProperty("dup", out var dup) && dup.ValueKind == JsonValueKind.True),
            WireActions.Error => ReadError(r),
            WireActions.Presence => new ServerMessages.Presence(Doc(r), r.GetProperty("client").GetString()!,
                r.GetProperty("user").GetString()!, Long(r, "rev"), Range(r), True(r, "idle"), True(r, "gone")),
            WireActions.Title => new ServerMessages.Title(Doc(r), r.GetProperty("title").GetString()!),
            WireActions.Ping => new ServerMessages.Ping(Long(r, "t")),
            WireActions.Pong => new ServerMessages.Pong(r.TryGetProperty("t", out var t) ? t.GetInt64() : null),
            _ => throw new FormatException($"unknown server action \"{action}\""),
        };
    }

    private static ServerMessages.Error ReadError(JsonElement r)
    {
        var name = r.GetProperty("code").GetString()!;
        if (!ErrorCodes.TryFromWire(name, out var code)) throw new FormatException($"unknown error code \"{name}\"");
        return new ServerMessages.Error(code, r.GetProperty("message").GetString()!,
            r.TryGetProperty("doc", out var doc) ? doc.GetString() : null,
            r.TryGetProperty("seq", out var seq) ? seq.GetInt64() : null);
    }

    private static bool True(JsonElement r, string name) => r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string Doc(JsonElement r) => r.GetProperty("doc").GetString()!;

    private static long Long(JsonElement r, string name) => r.GetProperty(name).GetInt64();

    private static Delta Delta(JsonElement r) => AkkaCollab.Protocol.Deltas.Delta.FromJson(r.GetProperty("delta").GetRawText());

    private static CursorRange? Range(JsonElement r) =>
        r.TryGetProperty("range", out var range) && range.ValueKind == JsonValueKind.Object
            ? new CursorRange(range.GetProperty("index").GetInt32(), range.GetProperty("length").GetInt32())
            : null;
}
