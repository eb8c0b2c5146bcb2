namespace AkkaCollab.Protocol;

/// <summary>
/// The closed set of reasons the server rejects client input, grouped by who can recover.
/// Validation returns one of these with a message; exceptions are reserved for bugs.
/// </summary>
public enum ErrorCode
{
    // --- The client sent something wrong: fix the client, retrying the same input fails again.

    /// <summary>The op is malformed or does not apply to the document (lengths, not a change, bad JSON shape).</summary>
    BadOp = 1,

    /// <summary>The op or message exceeds a size limit (inserted characters, op count, attribute size).</summary>
    TooLarge = 2,

    /// <summary>An attribute (format or embed) is not on the allow-list or has a value of the wrong type.</summary>
    BadAttribute = 3,

    /// <summary>A link or embed URL uses a scheme other than http, https, mailto or a relative link.</summary>
    UnsafeLink = 4,

    /// <summary>The message itself is malformed (not JSON, unknown type, missing field).</summary>
    BadMessage = 5,

    /// <summary>The message needs a subscription to its document first (submit, presence).</summary>
    NotSubscribed = 6,

    /// <summary>The conversation broke the protocol's order (no hello first, a second hello).</summary>
    ProtocolError = 7,

    /// <summary>The client's protocol version is older than the server accepts: upgrade the client.</summary>
    VersionTooOld = 8,

    /// <summary>The client's protocol version is newer than the server accepts: the server is not yet upgraded.</summary>
    VersionTooNew = 9,

    // --- The client's view is stale: it can recover by itself.

    /// <summary>The base revision is in the future or otherwise impossible for this document.</summary>
    BadRevision = 10,

    /// <summary>The server cannot transform from the client's revision; reload the document and resubscribe.</summary>
    Resync = 11,

    /// <summary>Too many messages in too short a time; slow down and retry.</summary>
    RateLimited = 12,

    /// <summary>The document's authority could not be reached in time (node down, hand-off); retry.</summary>
    Unavailable = 13,

    // --- The user is not allowed: only a change of permissions helps.

    /// <summary>The user may not read or write this document.</summary>
    Forbidden = 20,

    /// <summary>Credentials are missing, invalid or expired: sign in again.</summary>
    Unauthorized = 21,

    /// <summary>The document is in the trash: it can be neither opened nor changed until its owner restores it (or, after the restore window, at all).</summary>
    Deleted = 22,
}
