namespace AkkaCollab.Protocol.Wire;

/// <summary>
/// The value of the <c>"a"</c> field of every frame: short, stable, one table. A name here is
/// never reused for another meaning; a new message gets a new name and a protocol version.
/// </summary>
public static class WireActions
{
    /// <summary>Client hello / server welcome.</summary>
    public const string Hello = "hello";

    /// <summary>Client: a fresh access token for the open socket; server: accepted, with its expiry.</summary>
    public const string Auth = "auth";

    /// <summary>Subscribe to a document.</summary>
    public const string Subscribe = "sub";

    /// <summary>Server: replay done, live from here.</summary>
    public const string Subscribed = "subscribed";

    /// <summary>Unsubscribe from a document.</summary>
    public const string Unsubscribe = "unsub";

    /// <summary>Server: a document's content at a revision.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>Client: submit a change; server: a durable op.</summary>
    public const string Op = "op";

    /// <summary>Server: the client's op is durable.</summary>
    public const string Ack = "ack";

    /// <summary>Server: a request failed.</summary>
    public const string Error = "error";

    /// <summary>A cursor, either way.</summary>
    public const string Presence = "presence";

    /// <summary>Server: the document's title (on subscribing, and whenever it is renamed).</summary>
    public const string Title = "title";

    /// <summary>Liveness probe, either way.</summary>
    public const string Ping = "ping";

    /// <summary>Answer to a probe, either way.</summary>
    public const string Pong = "pong";
}
