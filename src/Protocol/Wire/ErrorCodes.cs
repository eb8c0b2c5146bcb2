namespace AkkaCollab.Protocol.Wire;

/// <summary>
/// The wire names of <see cref="ErrorCode"/>, one table. Names are stable: a client switches on
/// them. <see cref="IsRetryable"/> tells a client whether to resend the same request later.
/// </summary>
public static class ErrorCodes
{
    private static readonly Dictionary<ErrorCode, string> ToName = new()
    {
        [ErrorCode.BadOp] = "bad_op",
        [ErrorCode.TooLarge] = "too_large",
        [ErrorCode.BadAttribute] = "bad_attribute",
        [ErrorCode.UnsafeLink] = "unsafe_link",
        [ErrorCode.BadMessage] = "bad_message",
        [ErrorCode.NotSubscribed] = "not_subscribed",
        [ErrorCode.ProtocolError] = "protocol_error",
        [ErrorCode.VersionTooOld] = "version_too_old",
        [ErrorCode.VersionTooNew] = "version_too_new",
        [ErrorCode.BadRevision] = "bad_revision",
        [ErrorCode.Resync] = "resync",
        [ErrorCode.RateLimited] = "rate_limited",
        [ErrorCode.Unavailable] = "unavailable",
        [ErrorCode.Forbidden] = "forbidden",
        [ErrorCode.Unauthorized] = "unauthorized",
    };

    private static readonly Dictionary<string, ErrorCode> FromName =
        ToName.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>The wire name of <paramref name="code"/>.</summary>
    public static string ToWire(ErrorCode code) =>
        ToName.TryGetValue(code, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(code), code, "no wire name");

    /// <summary>The code named <paramref name="name"/> on the wire, if any.</summary>
    public static bool TryFromWire(string name, out ErrorCode code) => FromName.TryGetValue(name, out code);

    /// <summary>Every code that has a wire name (all of them).</summary>
    public static IEnumerable<ErrorCode> All => ToName.Keys;

    /// <summary>Whether the same request may succeed if sent again later (after a resync where the code says so).</summary>
    public static bool IsRetryable(ErrorCode code) => code is ErrorCode.Resync or ErrorCode.RateLimited or ErrorCode.Unavailable;
}
