using System.Text.Json;

namespace AkkaCollab.Protocol.Wire;

/// <summary>
/// Parses a client's text frame into a <see cref="ClientMessage"/>, strictly: a frame that is not
/// one JSON object of a known action with exactly its fields, each in range, is answered with a
/// <see cref="ServerMessages.Error"/> that names the field and the problem. Never throws on input.
/// </summary>
public static class ClientMessageReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Parses <paramref name="utf8"/>; on failure <paramref name="error"/> says why (with doc and seq when they were readable).</summary>
    public static bool TryRead(ReadOnlyMemory<byte> utf8, out ClientMessage? message, out ServerMessages.Error? error)
    {
        message = null;
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            error = new ServerMessages.Error(ErrorCode.BadMessage, $"not valid JSON: {e.Message}");
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new ServerMessages.Error(ErrorCode.BadMessage, $"a frame must be a JSON object, got {JsonFields.Describe(root)}");
                return false;
            }
            if (!root.TryGetProperty("a", out var action) || action.ValueKind != JsonValueKind.String)
            {
                error = new ServerMessages.Error(ErrorCode.BadMessage, "a: every frame needs a string action \"a\"");
                return false;
            }
            message = action.GetString() switch
            {
                WireActions.Hello => ReadHello(root, out error),
                WireActions.Auth => ReadAuth(root, out error),
                WireActions.Subscribe => ReadSubscribe(root, out error),
                WireActions.Unsubscribe => ReadUnsubscribe(root, out error),
                WireActions.Op => ReadSubmit(root, out error),
                WireActions.Presence => ReadPresence(root, out error),
                WireActions.Ping => ReadPing(root, ping: true, out error),
                WireActions.Pong => ReadPing(root, ping: false, out error),
                var other => Unknown(other, out error),
            };
            return message is not null;
        }
    }

    private static ClientMessage? ReadHello(JsonElement root, out ServerMessages.Error? error)
    {
        var f = new JsonFields(root, WireActions.Hello, "v", "token");
        var version = f.Integer("v", required: true, 0, int.MaxValue);
        var token = f.String("token", required: false, 8192);
        return Done(f, () => new ClientMessages.Hello((int)version!.Value, token), null, null, out error);
    }

    private static ClientMessage? ReadAuth(JsonElement root, out ServerMessages.Error? error)
    {
        var f = new JsonFields(root, WireActions.Auth, "token");
        var token = f.String("token", required: true, 8192);
        return Done(f, () => new ClientMessages.Auth(token!), null, null, out error);
    }

    private static ClientMessage? ReadSubscribe(JsonElement root, out ServerMessages.Error? error)
    {
        var f = new JsonFields(root, WireActions.Subscribe, "doc", "from");
        var doc = f.Id("doc", Identifiers.MaxDocumentIdLength);
        var from = f.Integer("from", required: false, 0, JsonFields.MaxSafeInteger);
        return Done(f, () => new ClientMessages.Subscribe(doc!, from), doc, null, out error);
    }

    private static ClientMessage? ReadUnsubscribe(JsonElement root, out ServerMessages.Error? error)
    {
        var f = new JsonFields(root, WireActions.Unsubscribe, "doc");
        var doc = f.Id("doc", Identifiers.MaxDocumentIdLength);
        return Done(f, () => new ClientMessages.Unsubscribe(doc!), doc, null, out error);
    }

    private static ClientMessage? ReadSubmit(JsonElement root, out ServerMessages.Error? error)
    {
        var f = new JsonFields(root, WireActions.Op, "doc", "client", "seq", "rev", "delta");
        // seq first, so that any later problem is reported against the op the client will match it to.
        var seq = f.Integer("seq", required: true, 1, JsonFields.MaxSafeInteger);
        var doc = f.Id("doc", Identifiers.MaxDocumentIdLength);
        var client = f.Id("client", Identifiers.MaxClientIdLength);
        var rev = f.Integer("rev", required: true, 0, JsonFields.MaxSafeInteger);
        var delta = f.Delta("delta");
        return Done(f, () => new ClientMessages.Submit(doc!, client!, seq!.Value, rev!.Value, delta!), doc, seq, out error,
            f.Problem is not null && f.Problem.StartsWith("op.delta", StringComparison.Ordinal) ? ErrorCode.BadOp : ErrorCode.BadMessage);
    }

    private static ClientMessage? ReadPresence(JsonElement root, out ServerMessages.Error? error)
    {
        var f = new JsonFields(root, WireActions.Presence, "doc", "rev", "range", "idle");
        var doc = f.Id("doc", Identifiers.MaxDocumentIdLength);
        var rev = f.Integer("rev", required: true, 0, JsonFields.MaxSafeInteger);
        var range = f.Range("range");
        var idle = f.Boolean("idle") ?? false;
        return Done(f, () => new ClientMessages.Presence(doc!, rev!.Value, range, idle), doc, null, out error);
    }

    private static ClientMessage? ReadPing(JsonElement root, bool ping, out ServerMessages.Error? error)
    {
        var action = ping ? WireActions.Ping : WireActions.Pong;
        var f = new JsonFields(root, action, "t");
        var token = f.Integer("t", required: false, long.MinValue, long.MaxValue);
        return Done(f, () => ping ? new ClientMessages.Ping(token) : new ClientMessages.Pong(token), null, null, out error);
    }

    private static ClientMessage? Unknown(string? action, out ServerMessages.Error? error)
    {
        var shown = action is { Length: > 20 } ? action[..20] + "…" : action;
        error = new ServerMessages.Error(ErrorCode.BadMessage, $"a: unknown action \"{shown}\"");
        return null;
    }

    private static ClientMessage? Done(JsonFields fields, Func<ClientMessage> create, string? doc, long? seq,
        out ServerMessages.Error? error, ErrorCode code = ErrorCode.BadMessage)
    {
        if (fields.Problem is not null)
        {
            error = new ServerMessages.Error(code, fields.Problem, doc, seq);
            return null;
        }
        error = null;
        return create();
    }
}
