using System.Text.Json;
using System.Text.Json.Serialization;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Tests.Shared;

/// <summary>
/// Writes client messages as protocol v1 text frames, for tests that play the client. The
/// server never writes one, so this lives with the tests (the server side is WireWriter).
/// </summary>
internal static class ClientMessageWriter
{
    // Optional fields are left out when null; presence's range is a dictionary entry because
    // its null is meaningful ("the user left") and must be written.
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static byte[] Encode(ClientMessage message) => JsonSerializer.SerializeToUtf8Bytes(Frame(message), Options);

    private static object Frame(ClientMessage message) => message switch
    {
        ClientMessages.Hello m => new { a = WireActions.Hello, v = m.Version, token = m.Token },
        ClientMessages.Auth m => new { a = WireActions.Auth, token = m.Token },
        ClientMessages.Subscribe m => new { a = WireActions.Subscribe, doc = m.Doc, from = m.From },
        ClientMessages.Unsubscribe m => new { a = WireActions.Unsubscribe, doc = m.Doc },
        ClientMessages.Submit m => new { a = WireActions.Op, doc = m.Doc, client = m.Client, seq = m.Seq, rev = m.Rev, delta = m.Delta },
        ClientMessages.Presence m => new Dictionary<string, object?>
        {
            ["a"] = WireActions.Presence,
            ["doc"] = m.Doc,
            ["rev"] = m.Rev,
            ["range"] = m.Range is { } r ? new { index = r.Index, length = r.Length } : null,
            ["idle"] = m.Idle ? true : null,
        },
        ClientMessages.Ping m => new { a = WireActions.Ping, t = m.Token },
        ClientMessages.Pong m => new { a = WireActions.Pong, t = m.Token },
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "no wire mapping"),
    };
}
