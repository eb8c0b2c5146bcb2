namespace AkkaCollab.Node.Documents.Messages;

// The one event of a node's journal warm-up (Hosting/JournalWarmUp), deleted as soon as written;
// not a document's: bound to the JSON serializer by its own type.
public sealed record NodeWarmedUp(string Node, DateTimeOffset At);
