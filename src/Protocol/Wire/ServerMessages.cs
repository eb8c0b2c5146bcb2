using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Wire;

/// <summary>Every message the server can send: protocol v1.</summary>
public static class ServerMessages
{
    /// <summary>The answer to a client's hello: the version in use and the window the server accepts.</summary>
    public sealed record Welcome(int Version, int Min, int Max, string Session) : ServerMessage;

    /// <summary>The answer to a client's <see cref="ClientMessages.Auth"/>: the socket now lives until <paramref name="Expires"/> (Unix milliseconds).</summary>
    public sealed record Authenticated(long Expires) : ServerMessage;

    /// <summary>A document's content at a revision (the answer to a subscribe without <c>from</c>).</summary>
    public sealed record Snapshot(string Doc, long Rev, Delta Delta) : ServerMessage;

    /// <summary>Everything up to <paramref name="Rev"/> has been sent; live ops follow.</summary>
    public sealed record Subscribed(string Doc, long Rev) : ServerMessage;

    /// <summary>The subscription to a document ended.</summary>
    public sealed record Unsubscribed(string Doc) : ServerMessage;

    /// <summary>An op, durable at revision <paramref name="Rev"/>, as the server applied it (already transformed).</summary>
    public sealed record Op(string Doc, long Rev, string Client, long Seq, string User, Delta Delta) : ServerMessage;

    /// <summary>
    /// The client's op (<paramref name="Seq"/>) is durable at revision <paramref name="Rev"/>. <paramref name="Dup"/>: this
    /// (client, seq) had already been applied at <paramref name="Rev"/> (a resend); do not apply it again.
    /// </summary>
    public sealed record Ack(string Doc, long Seq, long Rev, bool Dup = false) : ServerMessage;

    /// <summary>A request failed; <paramref name="Doc"/> and <paramref name="Seq"/> name it when known. Nothing was changed.</summary>
    public sealed record Error(ErrorCode Code, string Message, string? Doc = null, long? Seq = null) : ServerMessage;

    /// <summary>
    /// Another client with the document open: its cursor at revision <paramref name="Rev"/>, or
    /// none (<paramref name="Range"/> null). <paramref name="Gone"/>: it left (unsubscribed, closed,
    /// or silent past the presence TTL); <paramref name="Idle"/>: it is here but inactive.
    /// </summary>
    public sealed record Presence(string Doc, string Client, string User, long Rev, CursorRange? Range, bool Idle = false, bool Gone = false) : ServerMessage;

    /// <summary>The document's title, sent after <see cref="Subscribed"/> when it has one and whenever it is renamed (ordered with nothing else: it has no revision).</summary>
    public sealed record Title(string Doc, string Text) : ServerMessage;

    /// <summary>A liveness probe; the client answers <see cref="ClientMessages.Pong"/> with the same token.</summary>
    public sealed record Ping(long Token) : ServerMessage;

    /// <summary>The answer to a client's ping.</summary>
    public sealed record Pong(long? Token) : ServerMessage;
}
