namespace AkkaCollab.Protocol.Wire;

/// <summary>What a client does when the server closes its socket with a given code.</summary>
public enum CloseReaction
{
    /// <summary>Stay closed: reconnecting cannot help until a person acts (upgrade or fix the client).</summary>
    Stop,

    /// <summary>Reconnect by itself, with backoff, and resubscribe with <c>from</c>.</summary>
    Reconnect,

    /// <summary>Reconnect by itself at once (with only a little jitter): the node is draining, another serves.</summary>
    ReconnectAtOnce,

    /// <summary>Reconnect only after getting a fresh access token.</summary>
    RefreshToken,

    /// <summary>Stay closed: the user lost access; reconnecting helps only once access is granted again.</summary>
    AccessRemoved,
}
