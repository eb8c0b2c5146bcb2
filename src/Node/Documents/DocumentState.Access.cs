using System.Collections.Immutable;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// Sharing, decided in one step by the document's authority, so that two people sharing at once
// are ordered like two edits: the second is decided on the state the first left.
//
// A person may do the higher of their own entry (viewer, editor, owner) and the general access
// (what anyone signed in with the link may do: nothing, view or edit). A document whose general
// access was never set (GeneralSetting null: every document from before it existed) behaves as it
// did then: open to everyone while its list is empty, restricted once it has one. The first
// change sets it explicitly to what it was, so that claiming a document never silently locks out
// the people who were using its link; restricting it is a separate, explicit step.
//
// Rules: owners change entries and the general access; a document nobody owns is claimed by its
// first sharer (who becomes its owner in the same step) when that person may edit it; operators
// (admin role) may change anything; the last owner cannot be removed or demoted.
public sealed partial record DocumentState
{
    // The general access as set; null: never set (see General).
    public AccessLevel? GeneralSetting { get; private init; }

    public AccessLevel General => GeneralSetting ?? (Access.IsEmpty ? AccessLevel.Write : AccessLevel.None);

    public AccessLevel LevelOf(string userId) => (AccessLevel)Math.Max((int)Access.GetValueOrDefault(userId), (int)General);

    public ImmutableArray<AccessEntry> Members =>
        [.. Access.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new AccessEntry(a.Key, a.Value))];

    public AccessUpdated AccessSummary => new(Id, Members, General);

    private bool HasOwner => Access.Values.Any(l => l == AccessLevel.Owner);

    /// The events that make the change (in order), or why it is refused.
    public (IReadOnlyList<IDocumentMessage> Events, AccessRefused? Refused) Process(ChangeAccess change)
    {
        if (IsDeleted)
        {
            return Refuse(ErrorCode.Deleted, DeletedReason);
        }
        if (Permission(change.Actor, change.ActorIsAdmin) is { } refused)
        {
            return ([], refused);
        }
        var demotesAnOwner = Access.GetValueOrDefault(change.UserId) == AccessLevel.Owner && change.Level != AccessLevel.Owner;
        if (demotesAnOwner && Access.Count(a => a.Value == AccessLevel.Owner) == 1)
        {
            return Refuse(ErrorCode.Forbidden, $"{change.UserId} is the only owner of {Id}: make someone else an owner first");
        }
        var events = Materialized();
        if (!change.ActorIsAdmin && !HasOwner && change.UserId != change.Actor)
        {
            events.Add(new AccessChanged(Id, change.Actor, AccessLevel.Owner));
        }
        events.Add(new AccessChanged(Id, change.UserId, change.Level));
        return (events, null);
    }

    public (IReadOnlyList<IDocumentMessage> Events, AccessRefused? Refused) Process(ChangeGeneralAccess change)
    {
        if (change.Level == AccessLevel.Owner)
        {
            return Refuse(ErrorCode.BadMessage, "general access: must be restricted, viewer or editor; owners are people");
        }
        if (IsDeleted)
        {
            return Refuse(ErrorCode.Deleted, DeletedReason);
        }
        if (Permission(change.Actor, change.ActorIsAdmin) is { } refused)
        {
            return ([], refused);
        }
        var events = new List<IDocumentMessage>();
        if (!change.ActorIsAdmin && !HasOwner)
        {
            // Restricting a document nobody owns would lock its claimant out too.
            events.Add(new AccessChanged(Id, change.Actor, AccessLevel.Owner));
        }
        events.Add(new GeneralAccessChanged(Id, change.Level));
        return (events, null);
    }

    public DocumentState Apply(AccessChanged changed) => this with
    {
        Creator = CreatorAfter(Creator, changed),
        Access = changed.Level == AccessLevel.None ? Access.Remove(changed.UserId) : Access.SetItem(changed.UserId, changed.Level),
    };

    public DocumentState Apply(GeneralAccessChanged changed) => this with { GeneralSetting = changed.Level };

    // Owners may share; so may an operator; and anyone who may edit a document nobody owns (a claim).
    private AccessRefused? Permission(string actor, bool admin) =>
        admin || Access.GetValueOrDefault(actor) == AccessLevel.Owner || (!HasOwner && CanWrite(actor))
            ? null
            : new AccessRefused(Id, ErrorCode.Forbidden, $"user {actor} is not an owner of {Id}");

    // Before the first change of an entry, the general access the document had until now, made explicit.
    private List<IDocumentMessage> Materialized() =>
        GeneralSetting is null ? [new GeneralAccessChanged(Id, General)] : [];

    private (IReadOnlyList<IDocumentMessage>, AccessRefused) Refuse(ErrorCode code, string reason) => ([], new AccessRefused(Id, code, reason));
}
