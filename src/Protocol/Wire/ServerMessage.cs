namespace AkkaCollab.Protocol.Wire;

/// <summary>A message the gateway sends to a client. The wire action of each is in <see cref="WireActions"/>.</summary>
public abstract record ServerMessage;
