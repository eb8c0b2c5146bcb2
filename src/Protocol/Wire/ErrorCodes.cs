namespace AkkaCollab.Protocol.Wire;

/// <summary>
/// The wire names of <see cref="ErrorCode"/> and how a client reacts to each, one table. Names
/// are stable: a client switches on them. The browser client reads this table from
/// <c>protocol-contract.json</c>, which a test keeps equal to it.
/// </summary>
public static class ErrorCodes
{
    /// <summary>Every code, in the order of <see cref="ErrorCode"/>.</summary>
    public static IReadOnlyList<ErrorCodeInfo> All { get; } =
    [
        new(ErrorCode.BadOp, "bad_op", ErrorGroup.Client, ErrorReaction.DropOp),
        new(ErrorCode.TooLarge, "too_large", ErrorGroup.Client, ErrorReaction.DropOp),
        new(ErrorCode.BadAttribute, "bad_attribute", ErrorGroup.Client, ErrorReaction.DropOp),
        new(ErrorCode.UnsafeLink, "unsafe_link", ErrorGroup.Client, ErrorReaction.DropOp),
        new(ErrorCode.BadMessage, "bad_message", ErrorGroup.Client, ErrorReaction.Stop),
        new(ErrorCode.NotSubscribed, "not_subscribed", ErrorGroup.Client, ErrorReaction.Resubscribe),
        new(ErrorCode.ProtocolError, "protocol_error", ErrorGroup.Client, ErrorReaction.Stop),
        new(ErrorCode.VersionTooOld, "version_too_old", ErrorGroup.Client, ErrorReaction.Stop),
        new(ErrorCode.VersionTooNew, "version_too_new", ErrorGroup.Client, ErrorReaction.Stop),
        new(ErrorCode.BadRevision, "bad_revision", ErrorGroup.Stale, ErrorReaction.Resubscribe),
        new(ErrorCode.Resync, "resync", ErrorGroup.Stale, ErrorReaction.Resubscribe),
        new(ErrorCode.RateLimited, "rate_limited", ErrorGroup.Stale, ErrorReaction.Resend),
        new(ErrorCode.Unavailable, "unavailable", ErrorGroup.Stale, ErrorReaction.Resend),
        new(ErrorCode.Forbidden, "forbidden", ErrorGroup.Access, ErrorReaction.AccessRemoved),
        new(ErrorCode.Unauthorized, "unauthorized", ErrorGroup.Access, ErrorReaction.Reauthenticate),
        new(ErrorCode.Deleted, "deleted", ErrorGroup.Access, ErrorReaction.Stop),
    ];

    private static readonly Dictionary<ErrorCode, string> ToName = All.ToDictionary(info => info.Code, info => info.Name);

    private static readonly Dictionary<string, ErrorCode> FromName =
        All.ToDictionary(info => info.Name, info => info.Code, StringComparer.Ordinal);

    /// <summary>The wire name of <paramref name="code"/>.</summary>
    public static string ToWire(ErrorCode code) =>
        ToName.TryGetValue(code, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(code), code, "no wire name");

    /// <summary>The code named <paramref name="name"/> on the wire, if any.</summary>
    public static bool TryFromWire(string name, out ErrorCode code) => FromName.TryGetValue(name, out code);
}
