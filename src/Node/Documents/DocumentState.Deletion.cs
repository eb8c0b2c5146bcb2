using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// Deletion is soft: a deleted document is in its owners' trash, where it keeps its content,
// history and access list, and it can be neither opened nor changed (every submit, rename and
// sharing change is refused as deleted). An owner may restore it within RestoreWindow of the
// deletion; after that a restore is refused, and the document stays in the journal as it was.
// Both are decided here in one step, like sharing, so that a delete and a restore racing each
// other are ordered like two edits. Time comes in as a parameter: the state has no clock.
public sealed partial record DocumentState
{
    public static readonly TimeSpan RestoreWindow = TimeSpan.FromDays(30);

    // When the document was deleted (Unix ms) and by whom; null: it is not deleted.
    public long? DeletedAtMs { get; private init; }

    public string? DeletedBy { get; private init; }

    public bool IsDeleted => DeletedAtMs is not null;

    // The event that deletes, or why not; (null, null): it is already deleted.
    public (DocumentDeleted? Deleted, DeletionRefused? Refused) Process(DeleteDocument delete, long nowMs)
    {
        if (OwnersOnly(delete.Actor, "delete") is { } refused)
        {
            return (null, refused);
        }
        return IsDeleted ? (null, null) : (new DocumentDeleted(Id, delete.Actor, nowMs), null);
    }

    // The event that restores, or why not; (null, null): it is not deleted.
    public (DocumentRestored? Restored, DeletionRefused? Refused) Process(RestoreDocument restore, long nowMs)
    {
        if (OwnersOnly(restore.Actor, "restore") is { } refused)
        {
            return (null, refused);
        }
        if (DeletedAtMs is not { } deletedAt)
        {
            return (null, null);
        }
        if (nowMs - deletedAt > (long)RestoreWindow.TotalMilliseconds)
        {
            var when = DateTimeOffset.FromUnixTimeMilliseconds(deletedAt).ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
            return (null, new DeletionRefused(Id, ErrorCode.Deleted,
                $"{Id} was deleted on {when}, more than {RestoreWindow.TotalDays:0} days ago: it can no longer be restored"));
        }
        return (new DocumentRestored(Id, restore.Actor, nowMs), null);
    }

    public DocumentState Apply(DocumentDeleted deleted) => this with { DeletedAtMs = deleted.AtMs, DeletedBy = deleted.UserId };

    public DocumentState Apply(DocumentRestored _) => this with { DeletedAtMs = null, DeletedBy = null };

    // What a refused change or subscribe says while the document is deleted.
    public string DeletedReason => $"this document was deleted by {DeletedBy}; only an owner can restore it";

    // An owner is a person with the owner role; an operator or a document nobody owns does not count.
    private DeletionRefused? OwnersOnly(string actor, string verb) =>
        Access.GetValueOrDefault(actor) == AccessLevel.Owner
            ? null
            : new DeletionRefused(Id, ErrorCode.Forbidden, $"only an owner may {verb} {Id}; user {actor} is not one");
}
