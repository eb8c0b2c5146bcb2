namespace AkkaCollab.Protocol.Wire;

/// <summary>Who can recover from an <see cref="ErrorCode"/> (the groups of <c>ErrorCode.cs</c>).</summary>
public enum ErrorGroup
{
    /// <summary>The client sent something wrong: sending the same input again fails again.</summary>
    Client,

    /// <summary>The client's view is stale or the server is busy: the client recovers by itself.</summary>
    Stale,

    /// <summary>The user is not allowed: only new credentials or a change of permissions help.</summary>
    Access,
}
