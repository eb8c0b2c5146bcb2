namespace AkkaCollab.Protocol.Wire;

/// <summary>One row of the error table: an <see cref="ErrorCode"/>, its wire name, who recovers and how.</summary>
/// <param name="Code">The code.</param>
/// <param name="Name">The stable wire name a client switches on.</param>
/// <param name="Group">Who can recover.</param>
/// <param name="Reaction">What a client does on receiving it.</param>
public sealed record ErrorCodeInfo(ErrorCode Code, string Name, ErrorGroup Group, ErrorReaction Reaction)
{
    /// <summary>Whether the same request, sent again unchanged later, may succeed.</summary>
    public bool Retry => Reaction == ErrorReaction.Resend;
}
