namespace AkkaCollab.Protocol.Wire;

/// <summary>
/// WebSocket close codes the server uses, one table. The 1xxx codes are RFC 6455's; the 4xxx
/// codes are ours, numbered after the HTTP status they resemble. What a client does after each
/// is part of the contract: see <see cref="All"/> (the browser reads it from
/// <c>protocol-contract.json</c>, which a test keeps equal to it).
/// </summary>
public static class CloseCodes
{
    /// <summary>1000: the client asked to close, or the server closed an idle socket cleanly.</summary>
    public const int Normal = 1000;

    /// <summary>1009: a frame was larger than the server's frame limit.</summary>
    public const int TooBig = 1009;

    /// <summary>1011: the server hit a bug; reconnect with backoff.</summary>
    public const int InternalError = 1011;

    /// <summary>1012: the node is restarting or draining; reconnect (to another node) and resume.</summary>
    public const int ServiceRestart = 1012;

    /// <summary>4000: no message (not even a pong) arrived within the idle timeout.</summary>
    public const int IdleTimeout = 4000;

    /// <summary>4008: the client did not read fast enough and its outbound queue overflowed.</summary>
    public const int SlowConsumer = 4008;

    /// <summary>4400: the client broke the protocol (no hello first, unparseable frames).</summary>
    public const int ProtocolError = 4400;

    /// <summary>4401: missing, invalid or expired credentials.</summary>
    public const int Unauthorized = 4401;

    /// <summary>4403: the user's access to a subscribed document was revoked; reconnecting will not help until it is granted again.</summary>
    public const int Forbidden = 4403;

    /// <summary>4426: the client's protocol version is outside the server's window; upgrade the client.</summary>
    public const int VersionUnsupported = 4426;

    /// <summary>4429: the client kept sending after being told it exceeded its message rate.</summary>
    public const int RateLimited = 4429;

    /// <summary>Every code above with what a client does after it, in numeric order.</summary>
    public static IReadOnlyList<CloseCodeInfo> All { get; } =
    [
        new(Normal, nameof(Normal), CloseReaction.Stop),
        new(TooBig, nameof(TooBig), CloseReaction.Stop),
        new(InternalError, nameof(InternalError), CloseReaction.Reconnect),
        new(ServiceRestart, nameof(ServiceRestart), CloseReaction.ReconnectAtOnce),
        new(IdleTimeout, nameof(IdleTimeout), CloseReaction.Reconnect),
        new(SlowConsumer, nameof(SlowConsumer), CloseReaction.Reconnect),
        new(ProtocolError, nameof(ProtocolError), CloseReaction.Stop),
        new(Unauthorized, nameof(Unauthorized), CloseReaction.RefreshToken),
        new(Forbidden, nameof(Forbidden), CloseReaction.AccessRemoved),
        new(VersionUnsupported, nameof(VersionUnsupported), CloseReaction.Stop),
        new(RateLimited, nameof(RateLimited), CloseReaction.Reconnect),
    ];
}
