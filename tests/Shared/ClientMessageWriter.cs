using System.Buffers;
using System.Text.Json;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Tests.Shared;

/// <summary>
/// Writes client messages as protocol v1 text frames, for tests that play the client. The
/// server never writes one, so this lives with the tests (the server side is WireWriter).
/// </summary>
internal static class ClientMessageWriter
{
    public static byte[] Encode(ClientMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteFields(w, message);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFields(Utf8JsonWriter w, ClientMessage message)
    {
        switch (message)
        {
            case ClientMessages.Hello m:
                w.WriteString("a", WireActions.Hello);
                w.WriteNumber("v", m.Version);
                if (m.Token is not null) w.WriteString("token", m.Token);
                break;
            case ClientMessages.Auth m:
                w.WriteString("a", WireActions.Auth);
                w.WriteString("token", m.Token);
                break;
            case ClientMessages.Subscribe m:
                w.WriteString("a", WireActions.Subscribe);
                w.WriteString("doc", m.Doc);
                if (m.From is not null) w.WriteNumber("from", m.From.Value);
                break;
            case ClientMessages.Unsubscribe m:
                w.WriteString("a", WireActions.Unsubscribe);
                w.WriteString("doc", m.Doc);
                break;
            case ClientMessages.Submit m:
                w.WriteString("a", WireActions.Op);
                w.WriteString("doc", m.Doc);
                w.WriteString("client", m.Client);
                w.WriteNumber("seq", m.Seq);
                w.WriteNumber("rev", m.Rev);
                w.WritePropertyName("delta");
                JsonSerializer.Serialize(w, m.Delta);
                break;
            case ClientMessages.Presence m:
                w.WriteString("a", WireActions.Presence);
                w.WriteString("doc", m.Doc);
                w.WriteNumber("rev", m.Rev);
                w.WritePropertyName("range");
                JsonSerializer.Serialize(w, m.Range is { } r ? new { index = r.Index, length = r.Length } : null);
                break;
            case ClientMessages.Ping m:
                w.WriteString("a", WireActions.Ping);
                if (m.Token is not null) w.WriteNumber("t", m.Token.Value);
                break;
            case ClientMessages.Pong m:
                w.WriteString("a", WireActions.Pong);
                if (m.Token is not null) w.WriteNumber("t", m.Token.Value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "no wire mapping");
        }
    }
}
