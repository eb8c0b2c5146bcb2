namespace AkkaCollab.Node.Documents;

// A client with the document open: its cursor or selection as of the state's head (none while its
// editor is not focused: HasCursor false), whether its user is idle, and when it expires.
public sealed record Presence(string ClientId, string UserId, int Index, int Length, long ExpiresAtMs, bool Idle = false, bool HasCursor = true);
