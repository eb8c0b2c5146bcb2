using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Tests.Documents;

/// Who may delete and restore a document, and what a deleted one refuses, decided by
/// DocumentState.Process in one step (pure: no actors, time as a parameter).
public sealed class DeletionRulesTests
{
    private static readonly DocumentId Id = DocumentId.Parse("trash-doc");
    private const long Now = 1_796_288_400_000;
    private static readonly long Day = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    // ann owns it (she claimed it), bob may edit it.
    private static DocumentState Shared()
    {
        var state = DocumentState.Empty(Id, new DocumentLimits());
        foreach (var e in state.Process(new ChangeAccess(Id, "ann", false, "bob", AccessLevel.Write)).Events)
        {
            state = e switch
            {
                AccessChanged a => state.Apply(a),
                GeneralAccessChanged g => state.Apply(g),
                _ => throw new InvalidOperationException(e.GetType().Name),
            };
        }
        return state;
    }

    private static DocumentState Deleted(DocumentState state, string actor = "ann", long at = Now)
    {
        var (deleted, refused) = state.Process(new DeleteDocument(Id, actor), at);
        Assert.Null(refused);
        return state.Apply(deleted!);
    }

    [Fact]
    public void Only_an_owner_may_delete_a_document()
    {
        var (_, byEditor) = Shared().Process(new DeleteDocument(Id, "bob"), Now);
        var (_, onUnowned) = DocumentState.Empty(Id, new DocumentLimits()).Process(new DeleteDocument(Id, "ann"), Now);
        var (deleted, byOwner) = Shared().Process(new DeleteDocument(Id, "ann"), Now);

        Assert.Equal(ErrorCode.Forbidden, byEditor!.Code);
        Assert.Equal(ErrorCode.Forbidden, onUnowned!.Code);
        Assert.Null(byOwner);
        Assert.Equal(new DocumentDeleted(Id, "ann", Now), deleted);
    }

    [Fact]
    public void A_deleted_document_refuses_edits_renames_and_sharing_as_deleted()
    {
        var state = Deleted(Shared());

        var submit = state.Process(new Submit(Id, "c1", 1, 0, Delta.Empty.Insert("x"), "bob"));
        var (_, rename) = state.Process(new Rename(Id, "ann", "New name"));
        var (_, share) = state.Process(new ChangeAccess(Id, "ann", false, "cid", AccessLevel.Read));
        var (_, general) = state.Process(new ChangeGeneralAccess(Id, "ann", false, AccessLevel.Read));

        var rejected = Assert.IsType<SubmitDecision.Rejected>(submit).Rejection;
        Assert.Equal(ErrorCode.Deleted, rejected.Code);
        Assert.Contains("deleted", rejected.Reason);
        Assert.Equal(ErrorCode.Deleted, rename!.Code);
        Assert.Equal(ErrorCode.Deleted, share!.Code);
        Assert.Equal(ErrorCode.Deleted, general!.Code);
    }

    [Fact]
    public void An_owner_restores_within_thirty_days_and_the_document_is_as_it_was()
    {
        var before = Shared();
        var state = Deleted(before);

        var (restored, refused) = state.Process(new RestoreDocument(Id, "ann"), Now + 30 * Day);

        Assert.Null(refused);
        var after = state.Apply(restored!);
        Assert.False(after.IsDeleted);
        Assert.Equal<AccessEntry>(before.Members, after.Members);
        Assert.IsType<SubmitDecision.Applied>(after.Process(new Submit(Id, "c1", 1, 0, Delta.Empty.Insert("x"), "bob")));
    }

    [Fact]
    public void A_restore_after_thirty_days_is_refused_and_says_why()
    {
        var state = Deleted(Shared());

        var (restored, refused) = state.Process(new RestoreDocument(Id, "ann"), Now + 30 * Day + 1);

        Assert.Null(restored);
        Assert.Equal(ErrorCode.Deleted, refused!.Code);
        Assert.Contains("more than 30 days ago", refused.Reason);
    }

    [Fact]
    public void Only_an_owner_may_restore_a_document()
    {
        var (_, refused) = Deleted(Shared()).Process(new RestoreDocument(Id, "bob"), Now + Day);

        Assert.Equal(ErrorCode.Forbidden, refused!.Code);
    }

    [Fact]
    public void Deleting_a_deleted_document_or_restoring_a_live_one_changes_nothing()
    {
        var (deletedAgain, deleteRefused) = Deleted(Shared()).Process(new DeleteDocument(Id, "ann"), Now + Day);
        var (restoredLive, restoreRefused) = Shared().Process(new RestoreDocument(Id, "ann"), Now);

        Assert.True(deletedAgain is null && deleteRefused is null && restoredLive is null && restoreRefused is null);
    }

    [Fact]
    public void The_lists_show_the_creator_as_owner_and_the_newest_edit_or_rename()
    {
        var state = Shared();
        state = state.Apply(new OpApplied(Id, 1, "c1", 1, "bob", Delta.Empty.Insert("x"), AtMs: Now));
        state = state.Apply(new TitleChanged(Id, "日本語の文書", "ann", AtMs: Now + 5));

        var entry = state.ToIndexEntry(revision: 4);

        Assert.Equal(("日本語の文書", "ann", Now + 5, "ann", (long?)null, 4L), (entry.Title, entry.Owner, entry.LastEditAtMs, entry.LastEditBy, entry.DeletedAtMs, entry.Revision));
        Assert.Equal<AccessEntry>([new AccessEntry("ann", AccessLevel.Owner), new AccessEntry("bob", AccessLevel.Write)], entry.Access);
    }

    [Fact]
    public void A_snapshot_keeps_the_deletion_the_creator_and_the_last_edit()
    {
        var state = Deleted(Shared().Apply(new OpApplied(Id, 1, "c1", 1, "bob", Delta.Empty.Insert("x"), AtMs: Now - 1)));

        var restored = DocumentState.FromSnapshot(state.ToSnapshot(), new DocumentLimits());

        Assert.Equal((Now, "ann", "ann", Now - 1, "bob"), (restored.DeletedAtMs, restored.DeletedBy, restored.Owner, restored.LastEditAtMs, restored.LastEditBy));
    }

    [Fact]
    public void A_snapshot_from_before_deletion_reads_as_live_with_its_first_owner_as_creator()
    {
        var legacy = new DocumentSnapshot(Id, 1, Delta.Empty.Insert("a"), [], 0,
            [new AccessEntry("zoe", AccessLevel.Owner), new AccessEntry("amy", AccessLevel.Owner)], AccessLevel.None, "Plan");

        var state = DocumentState.FromSnapshot(legacy, new DocumentLimits());

        Assert.False(state.IsDeleted);
        Assert.Equal("amy", state.Owner);
        Assert.Null(state.LastEditAtMs);
    }
}
