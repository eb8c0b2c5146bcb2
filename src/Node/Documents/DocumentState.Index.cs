using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Node.Index;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// What the documents' lists show of this document (Index/DocumentIndexEntry): its owner and
// when it was last edited, and by whom.
//
// Owner: the person who first became an owner (the creator: the first sharer claims a document
// nobody owns), while they still are one; after that, the first remaining owner by name, so
// that the lists always show one owner. Last edit: the newest op or rename.
public sealed partial record DocumentState
{
    // The first person ever given the owner role; null: nobody has been.
    public string? Creator { get; private init; }

    public long? LastEditAtMs { get; private init; }

    public string? LastEditBy { get; private init; }

    public string? Owner =>
        Creator is { } creator && Access.GetValueOrDefault(creator) == AccessLevel.Owner
            ? creator
            : Access.Where(a => a.Value == AccessLevel.Owner).Select(a => a.Key).Order(StringComparer.Ordinal).FirstOrDefault();

    // A document exists once it has an op, an access list or a title (GET /api/docs/{id}/exists).
    public bool Exists => Head > 0 || !Access.IsEmpty || Title is not null || IsDeleted;

    // Revision: the journal sequence number of the newest event in this state, which orders the
    // entries of one document (DocumentIndexStore keeps the newest).
    public DocumentIndexEntry ToIndexEntry(long revision) =>
        new(Id, Title, Owner, Members, LastEditAtMs, LastEditBy, DeletedAtMs, revision);

    private DocumentState Edited(string userId, long? atMs) => this with { LastEditAtMs = atMs ?? LastEditAtMs, LastEditBy = userId };

    private static string? CreatorAfter(string? creator, AccessChanged changed) =>
        creator ?? (changed.Level == AccessLevel.Owner ? changed.UserId : null);

    // Snapshots from before the creator was kept: the first owner by name stands in.
    private static string? CreatorOf(DocumentSnapshot snapshot) =>
        snapshot.Creator ?? snapshot.Access.Where(a => a.Level == AccessLevel.Owner).Select(a => a.UserId).Order(StringComparer.Ordinal).FirstOrDefault();
}
