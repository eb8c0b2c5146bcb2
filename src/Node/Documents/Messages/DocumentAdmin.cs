using System.Collections.Immutable;

namespace AkkaCollab.Node.Documents.Messages;

// The operators' conversation with one document (ctl doc ...), with its replies.
public static class DocumentAdmin
{
    public sealed record GetInfo(DocumentId DocumentId) : IDocumentMessage;

    // Subscribers are the nodes' feeds (one per node that has sockets on the document). Started:
    // when this incarnation of the entity started (it restarts after passivation or hand-off).
    public sealed record Info(
        DocumentId DocumentId,
        string Node,
        long Revision,
        long SnapshotRevision,
        long JournalSequenceNr,
        ImmutableArray<NodeCount> Subscribers,
        int PresenceCount,
        int OpsLastMinute,
        DateTimeOffset Started) : IDocumentMessage;

    public sealed record NodeCount(string Node, int Count);

    // Saves a snapshot at the committed head now; answered once the snapshot store has it.
    public sealed record TakeSnapshot(DocumentId DocumentId) : IDocumentMessage;

    public sealed record SnapshotTaken(DocumentId DocumentId, long Revision, bool Saved, string? Error) : IDocumentMessage;

    // Asks sharding to passivate the entity (snapshot, then stop); it comes back on demand.
    public sealed record PassivateDocument(DocumentId DocumentId) : IDocumentMessage;

    public sealed record Passivating(DocumentId DocumentId, string Node, long Revision) : IDocumentMessage;

    // Published to every node: close UserId's sockets on DocumentId. Each node's relay answers
    // KickDelivered and republishes it on its local EventStream, where connections act on it.
    public sealed record KickUser(DocumentId DocumentId, string UserId) : IDocumentMessage;

    public sealed record KickDelivered(DocumentId DocumentId, string UserId, string Node) : IDocumentMessage;
}
