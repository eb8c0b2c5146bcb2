using System.Collections.Immutable;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Node.Documents.Messages;

// What the journal holds, what snapshots hold, and what subscribers are told.
public static class DocumentEvents
{
    // The only event that moves the revision. Delta is the op as transformed onto Revision - 1.
    // AtMs: when the authority sequenced it (Unix ms), for the history's sessions; null in
    // events written before it was recorded.
    public sealed record OpApplied(DocumentId DocumentId, long Revision, string ClientId, long Seq, string UserId, Delta Delta, long? AtMs = null) : IDocumentMessage;

    public sealed record AccessChanged(DocumentId DocumentId, string UserId, AccessLevel Level) : IDocumentMessage;

    // What anyone signed in with the link may do (None: only the people on the access list).
    public sealed record GeneralAccessChanged(DocumentId DocumentId, AccessLevel Level) : IDocumentMessage;

    // The document's title is Title from now on, set by UserId (DocumentState.Title). AtMs: when
    // (Unix ms), for the documents' "last edited"; null in events written before it was recorded.
    public sealed record TitleChanged(DocumentId DocumentId, string Title, string UserId, long? AtMs = null) : IDocumentMessage;

    // The owner UserId moved the document to the trash at AtMs (DocumentState.Deletion): until
    // restored it can be neither opened nor changed.
    public sealed record DocumentDeleted(DocumentId DocumentId, string UserId, long AtMs) : IDocumentMessage;

    // The owner UserId took the document out of the trash at AtMs.
    public sealed record DocumentRestored(DocumentId DocumentId, string UserId, long AtMs) : IDocumentMessage;

    // The dedupe entry of one client: its last applied seq and the revision that seq got.
    public sealed record ClientEntry(string ClientId, long LastSeq, long LastRevision);

    public sealed record AccessEntry(string UserId, AccessLevel Level);

    // Snapshot payload, tagged with its revision. EvictedUpTo: see DocumentState.Clients.
    // GeneralAccess: null in snapshots from before it was set (DocumentState.General); Title: null
    // while the document was never named. Creator, LastEdit*, Deleted*: null in snapshots from
    // before they were kept (DocumentState.Owner, DocumentState.Deletion).
    public sealed record DocumentSnapshot(
        DocumentId DocumentId,
        long Revision,
        Delta Content,
        ImmutableArray<ClientEntry> Clients,
        long EvictedUpTo,
        ImmutableArray<AccessEntry> Access,
        AccessLevel? GeneralAccess = null,
        string? Title = null,
        string? Creator = null,
        long? LastEditAtMs = null,
        string? LastEditBy = null,
        long? DeletedAtMs = null,
        string? DeletedBy = null) : IDocumentMessage;

    // First answer to Subscribe: either Content at HeadRevision, or the Ops after the requested
    // revision; with the title at HeadRevision.
    public sealed record Subscribed(
        DocumentId DocumentId,
        long HeadRevision,
        Delta? Content,
        ImmutableArray<OpApplied> Ops,
        ImmutableArray<PresenceChanged> Presence,
        string? Title = null) : IDocumentMessage;

    public sealed record SubscribeRejected(DocumentId DocumentId, ErrorCode Code, string Reason) : IDocumentMessage;

    // A cursor (Length 0) or selection at Revision, or none (HasCursor false), relayed to subscribers.
    public sealed record PresenceChanged(DocumentId DocumentId, string ClientId, string UserId, long Revision, int Index, int Length, bool Idle = false, bool HasCursor = true) : IDocumentMessage;

    // The presence of ClientId expired (no update within the TTL).
    public sealed record PresenceRemoved(DocumentId DocumentId, string ClientId) : IDocumentMessage;
}
