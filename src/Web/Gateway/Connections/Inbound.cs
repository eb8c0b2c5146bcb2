using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Web.Gateway.Connections;

/// What the socket reader hands the connection actor: one parsed frame, or why there is none.
public abstract record Inbound
{
    public sealed record Message(ClientMessage Value) : Inbound;

    public sealed record Invalid(ServerMessages.Error Error) : Inbound;

    /// The frame grew past the limit; reading stopped there (the rest is never buffered).
    public sealed record TooLarge(int Limit) : Inbound;

    public sealed record Binary : Inbound;
}
