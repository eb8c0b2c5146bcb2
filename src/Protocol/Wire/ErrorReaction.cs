namespace AkkaCollab.Protocol.Wire;

/// <summary>What a client does when it receives an <c>error</c> with a given code.</summary>
public enum ErrorReaction
{
    /// <summary>Stop: a person must act (upgrade or fix the client); resending cannot help.</summary>
    Stop,

    /// <summary>Drop the refused op (only that op) and keep the others; the server never takes it.</summary>
    DropOp,

    /// <summary>Resend the same (client, seq) later, with backoff.</summary>
    Resend,

    /// <summary>Subscribe again (with or without <c>from</c>) and rebase pending edits on what arrives.</summary>
    Resubscribe,

    /// <summary>Get a fresh access token; a 4401 close follows unless a refused <c>auth</c> left the old token in force.</summary>
    Reauthenticate,

    /// <summary>The user lost access to the document: show it as no longer available.</summary>
    AccessRemoved,
}
