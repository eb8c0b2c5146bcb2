namespace AkkaCollab.Protocol.Wire;

/// <summary>A message a client sends to the gateway. The wire action of each is in <see cref="WireActions"/>.</summary>
public abstract record ClientMessage;
