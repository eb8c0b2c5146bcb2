namespace AkkaCollab.Protocol.Wire;

/// <summary>One row of the close table: a <see cref="CloseCodes"/> code, its name and what a client does.</summary>
/// <param name="Code">The WebSocket close code.</param>
/// <param name="Name">The name of its <see cref="CloseCodes"/> constant.</param>
/// <param name="Reaction">What a client does when the server closes with it.</param>
public sealed record CloseCodeInfo(int Code, string Name, CloseReaction Reaction)
{
    /// <summary>Whether a client reconnects by itself, without a person or a fresh token.</summary>
    public bool Reconnect => Reaction is CloseReaction.Reconnect or CloseReaction.ReconnectAtOnce;
}
