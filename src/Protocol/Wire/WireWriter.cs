using System.Buffers;
using System.Text.Json;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Wire;

/// <summary>
/// Writes messages as protocol v1 text frames (UTF-8 JSON). A broadcast is encoded once per
/// gateway and the same bytes are sent to every local subscriber.
/// </summary>
public static class WireWriter
{
    private const int RetainedBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Encodes a server message.</summary>
    public static byte[] Encode(ServerMessage message)
    {
        // One buffer and one writer per thread, reset after each frame: a frame costs only its
        // own array. A frame that grew the buffer past RetainedBytes (a large snapshot) leaves
        // it behind for the collector.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        var done = false;
        try
        {
            writer.WriteStartObject();
            Body(writer, message);
            writer.WriteEndObject();
            writer.Flush();
            done = true;
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (done && buffer.Capacity <= RetainedBytes)
            {
                writer.Reset();
                buffer.ResetWrittenCount();
            }
            else
            {
                t_writer = null;
                t_buffer = null;
            }
        }
    }

    private static void Body(Utf8JsonWriter w, ServerMessage message)
    {
        switch (message)
        {
            case ServerMessages.Welcome m:
                Action(w, WireActions.Hello);
                w.WriteNumber("v", m.Version);
                w.WriteNumber("min", m.Min);
                w.WriteNumber("max", m.Max);
                w.WriteString("session", m.Session);
                break;
            case ServerMessages.Authenticated m:
                Action(w, WireActions.Auth);
                w.WriteNumber("exp", m.Expires);
                break;
            case ServerMessages.Snapshot m:
                Action(w, WireActions.Snapshot);
                w.WriteString("doc", m.Doc);
                w.WriteNumber("rev", m.Rev);
                DeltaField(w, "delta", m.Delta);
                break;
            case ServerMessages.Subscribed m:
                Action(w, WireActions.Subscribed);
                w.WriteString("doc", m.Doc);
                w.WriteNumber("rev", m.Rev);
                break;
            case ServerMessages.Unsubscribed m:
                Action(w, WireActions.Unsubscribe);
                w.WriteString("doc", m.Doc);
                break;
            case ServerMessages.Op m:
                Action(w, WireActions.Op);
                w.WriteString("doc", m.Doc);
                w.WriteNumber("rev", m.Rev);
                w.WriteString("client", m.Client);
                w.WriteNumber("seq", m.Seq);
                w.WriteString("user", m.User);
                DeltaField(w, "delta", m.Delta);
                break;
            case ServerMessages.Ack m:
                Action(w, WireActions.Ack);
                w.WriteString("doc", m.Doc);
                w.WriteNumber("seq", m.Seq);
                w.WriteNumber("rev", m.Rev);
                if (m.Dup)
                {
                    // Only when true: an ack without dup reads exactly as before.
                    w.WriteBoolean("dup", true);
                }
                break;
            case ServerMessages.Error m:
                Action(w, WireActions.Error);
                w.WriteString("code", ErrorCodes.ToWire(m.Code));
                w.WriteString("message", m.Message);
                if (m.Doc is not null) w.WriteString("doc", m.Doc);
                if (m.Seq is not null) w.WriteNumber("seq", m.Seq.Value);
                break;
            case ServerMessages.Presence m:
                Action(w, WireActions.Presence);
                w.WriteString("doc", m.Doc);
                w.WriteString("client", m.Client);
                w.WriteString("user", m.User);
                w.WriteNumber("rev", m.Rev);
                RangeField(w, m.Range);
                // Only when true: a frame of an active collaborator reads exactly as before.
                if (m.Idle) w.WriteBoolean("idle", true);
                if (m.Gone) w.WriteBoolean("gone", true);
                break;
            case ServerMessages.Title m:
                Action(w, WireActions.Title);
                w.WriteString("doc", m.Doc);
                w.WriteString("title", m.Text);
                break;
            case ServerMessages.Ping m:
                Action(w, WireActions.Ping);
                w.WriteNumber("t", m.Token);
                break;
            case ServerMessages.Pong m:
                Action(w, WireActions.Pong);
                if (m.Token is not null) w.WriteNumber("t", m.Token.Value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "no wire mapping");
        }
    }

    private static void Action(Utf8JsonWriter w, string action) => w.WriteString("a", action);

    private static void DeltaField(Utf8JsonWriter w, string name, Delta delta)
    {
        w.WritePropertyName(name);
        JsonSerializer.Serialize(w, delta);
    }

    private static void RangeField(Utf8JsonWriter w, CursorRange? range)
    {
        if (range is null)
        {
            w.WriteNull("range");
            return;
        }
        w.WriteStartObject("range");
        w.WriteNumber("index", range.Index);
        w.WriteNumber("length", range.Length);
        w.WriteEndObject();
    }
}
