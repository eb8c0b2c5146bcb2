namespace AkkaCollab.Node.Documents;

// A client's cursor or selection as of the state's head, and when it expires.
public sealed record Presence(string ClientId, string UserId, int Index, int Length, long ExpiresAtMs);
