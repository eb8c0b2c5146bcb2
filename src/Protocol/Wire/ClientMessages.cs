using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Wire;

/// <summary>Every message a client can send: protocol v1.</summary>
public static class ClientMessages
{
    /// <summary>The first message on a socket: the protocol version the client speaks, and its credentials.</summary>
    public sealed record Hello(int Version, string? Token) : ClientMessage;

    /// <summary>Re-authentication on an open socket: a fresh access token for the same user, sent before the current one expires.</summary>
    public sealed record Auth(string Token) : ClientMessage;

    /// <summary>Start receiving a document: the ops after <paramref name="From"/>, or a snapshot when it is null, then live ops.</summary>
    public sealed record Subscribe(string Doc, long? From) : ClientMessage;

    /// <summary>Stop receiving a document.</summary>
    public sealed record Unsubscribe(string Doc) : ClientMessage;

    /// <summary>Submit a change made at revision <paramref name="Rev"/>; (<paramref name="Client"/>, <paramref name="Seq"/>) makes a resend idempotent.</summary>
    public sealed record Submit(string Doc, string Client, long Seq, long Rev, Delta Delta) : ClientMessage;

    /// <summary>
    /// The client has the document open: its cursor at revision <paramref name="Rev"/>, or none
    /// (<paramref name="Range"/> null: the editor is not focused). <paramref name="Idle"/>: its
    /// user has done nothing for a while, or the tab is hidden. Leaving is unsubscribing or closing.
    /// </summary>
    public sealed record Presence(string Doc, long Rev, CursorRange? Range, bool Idle = false) : ClientMessage;

    /// <summary>A liveness probe; the server answers <see cref="ServerMessages.Pong"/> with the same token.</summary>
    public sealed record Ping(long? Token) : ClientMessage;

    /// <summary>The answer to a server's ping.</summary>
    public sealed record Pong(long? Token) : ClientMessage;
}
