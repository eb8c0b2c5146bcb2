using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Tests.Documents;

/// Who may share what, decided by DocumentState.Process in one step (pure: no actors).
public sealed class SharingRulesTests
{
    private static readonly DocumentId Id = DocumentId.Parse("share-doc");

    private static DocumentState Fresh() => DocumentState.Empty(Id, new DocumentLimits());

    // Process then Apply every event, as the authority does once they are durable.
    private static (DocumentState State, AccessRefused? Refused) Run(DocumentState state, IDocumentMessage command)
    {
        var (events, refused) = command switch
        {
            ChangeAccess c => state.Process(c),
            ChangeGeneralAccess g => state.Process(g),
            _ => throw new ArgumentException(command.GetType().Name),
        };
        foreach (var e in events)
        {
            state = e switch
            {
                AccessChanged a => state.Apply(a),
                GeneralAccessChanged g => state.Apply(g),
                _ => throw new InvalidOperationException(e.GetType().Name),
            };
        }
        return (state, refused);
    }

    private static DocumentState Ok(DocumentState state, IDocumentMessage command)
    {
        var (after, refused) = Run(state, command);
        Assert.Null(refused);
        return after;
    }

    private static ChangeAccess Share(string actor, string user, AccessLevel level) => new(Id, actor, false, user, level);

    [Fact]
    public void A_new_document_is_open_to_everyone_signed_in_until_someone_restricts_it()
    {
        var state = Fresh();
        Assert.Equal(AccessLevel.Write, state.General);
        Assert.True(state.CanWrite("anyone"));
    }

    [Fact]
    public void The_first_share_makes_the_sharer_owner_and_keeps_the_link_working_for_everyone_else()
    {
        var state = Ok(Fresh(), Share("alice", "bob", AccessLevel.Read));

        Assert.Equal(AccessLevel.Owner, state.LevelOf("alice"));
        // Before, the first share silently locked out everyone who was using the link.
        Assert.Equal(AccessLevel.Write, state.General);
        Assert.True(state.CanWrite("carol"));
        // bob's own entry is viewer, but the link lets anyone edit: the higher applies.
        Assert.Equal(AccessLevel.Write, state.LevelOf("bob"));
    }

    [Fact]
    public void Restricting_general_access_leaves_only_the_people_on_the_list()
    {
        var state = Ok(Fresh(), Share("alice", "bob", AccessLevel.Read));
        state = Ok(state, new ChangeGeneralAccess(Id, "alice", false, AccessLevel.None));

        Assert.False(state.CanRead("carol"));
        Assert.True(state.CanRead("bob"));
        Assert.False(state.CanWrite("bob"));
        Assert.True(state.CanWrite("alice"));

        state = Ok(state, new ChangeGeneralAccess(Id, "alice", false, AccessLevel.Read));
        Assert.True(state.CanRead("carol"));
        Assert.False(state.CanWrite("carol"));
    }

    [Fact]
    public void Two_people_sharing_a_document_nobody_owns_at_once_do_not_both_become_owner()
    {
        var state = Fresh();
        // Both requests were sent before either was decided; the authority decides them in order.
        state = Ok(state, Share("alice", "carol", AccessLevel.Write));
        var (after, refused) = Run(state, Share("bob", "dave", AccessLevel.Write));

        Assert.Equal(ErrorCode.Forbidden, refused!.Code);
        Assert.Equal("user bob is not an owner of share-doc", refused.Reason);
        Assert.Equal(state, after);
        Assert.Equal(["alice"], state.Members.Where(m => m.Level == AccessLevel.Owner).Select(m => m.UserId));
    }

    [Fact]
    public void Only_an_owner_may_share_or_change_general_access_once_the_document_has_one()
    {
        var state = Ok(Fresh(), Share("alice", "bob", AccessLevel.Write));

        Assert.Equal(ErrorCode.Forbidden, Run(state, Share("bob", "carol", AccessLevel.Read)).Refused!.Code);
        Assert.Equal(ErrorCode.Forbidden, Run(state, new ChangeGeneralAccess(Id, "bob", false, AccessLevel.None)).Refused!.Code);
        Assert.Equal(ErrorCode.Forbidden, Run(state, Share("bob", "bob", AccessLevel.Owner)).Refused!.Code);
        state = Ok(state, Share("alice", "bob", AccessLevel.Owner));
        Assert.Null(Run(state, Share("bob", "carol", AccessLevel.Read)).Refused);
    }

    [Fact]
    public void The_last_owner_can_be_neither_removed_nor_demoted_but_one_of_two_can()
    {
        var state = Ok(Fresh(), Share("alice", "bob", AccessLevel.Write));

        var removed = Run(state, Share("alice", "alice", AccessLevel.None));
        Assert.Equal(ErrorCode.Forbidden, removed.Refused!.Code);
        Assert.Equal("alice is the only owner of share-doc: make someone else an owner first", removed.Refused.Reason);
        Assert.Equal(ErrorCode.Forbidden, Run(state, Share("alice", "alice", AccessLevel.Write)).Refused!.Code);
        // Not even an operator leaves a document without an owner.
        Assert.Equal(ErrorCode.Forbidden, Run(state, new ChangeAccess(Id, "ops", true, "alice", AccessLevel.None)).Refused!.Code);

        state = Ok(state, Share("alice", "bob", AccessLevel.Owner));
        state = Ok(state, Share("bob", "alice", AccessLevel.None));
        Assert.Equal(["bob"], state.Members.Select(m => m.UserId));
    }

    [Fact]
    public void A_person_who_may_only_view_a_document_nobody_owns_cannot_claim_it()
    {
        var state = Ok(Fresh(), new ChangeGeneralAccess(Id, "ops", true, AccessLevel.Read));

        Assert.Equal(ErrorCode.Forbidden, Run(state, Share("mallory", "mallory", AccessLevel.Owner)).Refused!.Code);
        Assert.Empty(state.Members);
    }

    [Fact]
    public void An_operator_changes_any_document_without_becoming_its_owner()
    {
        var state = Ok(Fresh(), Share("alice", "bob", AccessLevel.Read));
        state = Ok(state, new ChangeAccess(Id, "ops", true, "carol", AccessLevel.Write));
        state = Ok(state, new ChangeGeneralAccess(Id, "ops", true, AccessLevel.None));

        Assert.Equal(AccessLevel.None, state.LevelOf("ops"));
        Assert.Equal(AccessLevel.Write, state.LevelOf("carol"));
        Assert.Equal(AccessLevel.None, state.General);
    }

    [Fact]
    public void An_owner_is_not_a_general_access_level()
    {
        var refused = Run(Fresh(), new ChangeGeneralAccess(Id, "ops", true, AccessLevel.Owner)).Refused!;
        Assert.Equal(ErrorCode.BadMessage, refused.Code);
    }

    [Fact]
    public void A_document_from_before_general_access_keeps_its_old_meaning_until_first_changed()
    {
        // An access list without a general setting: restricted, as an access list used to mean.
        var legacy = DocumentState.FromSnapshot(
            new DocumentSnapshot(Id, 0, Protocol.Deltas.Delta.Empty, [], 0, [new AccessEntry("alice", AccessLevel.Owner)]), new DocumentLimits());
        Assert.Null(legacy.GeneralSetting);
        Assert.False(legacy.CanRead("carol"));

        var state = Ok(legacy, Share("alice", "bob", AccessLevel.Read));
        Assert.Equal(AccessLevel.None, state.GeneralSetting);
        Assert.False(state.CanRead("carol"));
    }
}
