namespace AkkaCollab.Protocol.Wire;

/// <summary>
/// The window of wire protocol versions this build speaks. A client names its version in its
/// first message; a server accepts any version in [<see cref="Min"/>, <see cref="Max"/>] and
/// answers <c>version_too_old</c> or <c>version_too_new</c> otherwise, so that a rolling deploy
/// can run two server versions side by side while old tabs are still open.
/// </summary>
public static class ProtocolVersion
{
    /// <summary>The oldest client version accepted.</summary>
    public const int Min = 1;

    /// <summary>The newest client version accepted; also the version this build's client speaks.</summary>
    public const int Max = 1;

    /// <summary>Whether a client speaking <paramref name="version"/> is served.</summary>
    public static bool IsSupported(int version) => version is >= Min and <= Max;
}
