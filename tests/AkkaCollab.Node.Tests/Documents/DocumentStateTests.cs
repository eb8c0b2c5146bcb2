using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Tests.Documents;

// The pure decision function, without actors or a journal.
public sealed class DocumentStateTests
{
    private static readonly DocumentId Id = DocumentId.Parse("state-doc");
    private static readonly DocumentLimits Limits = new() { WindowSize = 3, MaxClients = 3 };

    private static Submit Edit(string client, long seq, long baseRevision, Delta delta, string user = "u") =>
        new(Id, client, seq, baseRevision, delta, user);

    private static DocumentState Applied(DocumentState state, Submit submit) =>
        state.Apply(Assert.IsType<SubmitDecision.Applied>(state.Process(submit)).Event);

    [Fact]
    public void Process_assigns_the_next_revision_and_changes_nothing_until_the_event_is_applied()
    {
        var state = DocumentState.Empty(Id, Limits);

        var decision = Assert.IsType<SubmitDecision.Applied>(state.Process(Edit("c", 1, 0, Delta.Empty.Insert("hi"))));

        Assert.Equal(1, decision.Event.Revision);
        Assert.Equal(0, state.Head);
        Assert.Equal(Delta.Empty, state.Content);
        Assert.Equal("hi", state.Apply(decision.Event).Content.PlainText());
    }

    [Fact]
    public void Same_client_and_seq_is_a_duplicate_with_the_original_revision()
    {
        var state = Applied(DocumentState.Empty(Id, Limits), Edit("c", 1, 0, Delta.Empty.Insert("a")));
        state = Applied(state, Edit("d", 1, 1, Delta.Empty.Insert("b")));

        var duplicate = Assert.IsType<SubmitDecision.Duplicate>(state.Process(Edit("c", 1, 0, Delta.Empty.Insert("a"))));

        Assert.Equal((1L, true), (duplicate.Ack.Revision, duplicate.Ack.Duplicate));
    }

    [Fact]
    public void Another_user_with_the_same_client_id_does_not_disturb_the_owners_ops()
    {
        var state = Applied(DocumentState.Empty(Id, Limits), Edit("c", 50, 0, Delta.Empty.Insert("m"), user: "mallory"));

        var owners = Assert.IsType<SubmitDecision.Applied>(state.Process(Edit("c", 1, 1, Delta.Empty.Insert("o"), user: "owner")));
        state = state.Apply(owners.Event);

        Assert.Equal(2, owners.Event.Revision);
        Assert.IsType<SubmitDecision.Duplicate>(state.Process(Edit("c", 1, 1, Delta.Empty.Insert("o"), user: "owner")));
        // Mallory's own history is hers: her older seq is still answered resync.
        var hers = Assert.IsType<SubmitDecision.Rejected>(state.Process(Edit("c", 1, 2, Delta.Empty.Insert("x"), user: "mallory")));
        Assert.Equal(ErrorCode.Resync, hers.Rejection.Code);
    }

    [Fact]
    public void A_bare_client_id_from_an_older_snapshot_is_still_recognised_and_then_rekeyed()
    {
        var legacy = new DocumentSnapshot(Id, 1, Delta.Empty.Insert("a"), [new ClientEntry("c", 1, 1)], 0, []);
        var state = DocumentState.FromSnapshot(legacy, Limits);

        Assert.IsType<SubmitDecision.Duplicate>(state.Process(Edit("c", 1, 0, Delta.Empty.Insert("a"))));
        state = Applied(state, Edit("c", 2, 1, Delta.Empty.Insert("b")));
        Assert.Equal([DocumentState.ClientKey("u", "c")], state.Clients.Keys);
    }

    [Fact]
    public void Older_seq_than_the_last_applied_is_rejected_resync()
    {
        var state = Applied(DocumentState.Empty(Id, Limits), Edit("c", 5, 0, Delta.Empty.Insert("a")));

        var rejected = Assert.IsType<SubmitDecision.Rejected>(state.Process(Edit("c", 4, 1, Delta.Empty.Insert("b"))));

        Assert.Equal(ErrorCode.Resync, rejected.Rejection.Code);
    }

    [Fact]
    public void Base_older_than_the_window_needs_history_and_is_transformed_with_it()
    {
        var state = DocumentState.Empty(Id, Limits);
        var events = new List<OpApplied>();
        for (var i = 0; i < 5; i++)
        {
            var e = Assert.IsType<SubmitDecision.Applied>(state.Process(Edit("c", i + 1, i, Delta.Empty.Insert("ab")))).Event;
            events.Add(e);
            state = state.Apply(e);
        }
        var late = Edit("late", 1, 0, Delta.Empty.Retain(0).Insert("Z"));

        var needs = Assert.IsType<SubmitDecision.NeedsHistory>(state.Process(late));
        var applied = Assert.IsType<SubmitDecision.Applied>(state.Process(late, events));

        Assert.Equal((1L, 2L), (needs.FromRevision, needs.ToRevision));
        Assert.Equal(3, state.Window.Count);
        Assert.Equal(Delta.Empty.Retain(10).Insert("Z"), applied.Event.Delta);
    }

    [Fact]
    public void Dedupe_table_is_bounded_and_evicts_the_clients_idle_longest()
    {
        var state = DocumentState.Empty(Id, Limits);
        foreach (var (client, i) in new[] { "a", "b", "c", "d" }.Select((c, i) => (c, i)))
        {
            state = Applied(state, Edit(client, 1, i, Delta.Empty.Insert(client)));
        }

        Assert.Equal(3, state.Clients.Count);
        Assert.False(state.Clients.ContainsKey(DocumentState.ClientKey("u", "a")));
        Assert.True(state.Clients.ContainsKey(DocumentState.ClientKey("u", "d")));
        Assert.Equal(1, state.EvictedUpTo);
        // A stranger whose base predates the eviction might be "a" resending: resync, not a second apply.
        var stale = Assert.IsType<SubmitDecision.Rejected>(state.Process(Edit("a", 1, 0, Delta.Empty.Insert("a"))));
        Assert.Equal(ErrorCode.Resync, stale.Rejection.Code);
        Assert.IsType<SubmitDecision.Applied>(state.Process(Edit("new", 1, 4, Delta.Empty.Insert("n"))));
    }

    [Fact]
    public void Snapshot_round_trip_keeps_head_content_dedupe_table_and_access()
    {
        var state = Applied(DocumentState.Empty(Id, Limits), Edit("c", 1, 0, Delta.Empty.Insert("x", AttributeMap.From(("bold", true)))));
        state = state.Apply(new AccessChanged(Id, "u", AccessLevel.Write)).Apply(new GeneralAccessChanged(Id, AccessLevel.None));

        var restored = DocumentState.FromSnapshot(state.ToSnapshot(), Limits);

        Assert.Equal((state.Head, state.Content, state.EvictedUpTo), (restored.Head, restored.Content, restored.EvictedUpTo));
        Assert.Equal(state.Clients, restored.Clients);
        Assert.True(restored.CanWrite("u"));
        Assert.False(restored.CanRead("stranger"));
        Assert.Equal(AccessLevel.None, restored.GeneralSetting);
        Assert.IsType<SubmitDecision.Duplicate>(restored.Process(Edit("c", 1, 0, Delta.Empty.Insert("x"), user: "u")));
    }

    [Fact]
    public void A_cursor_is_removed_at_once_by_its_own_user_and_by_nobody_else()
    {
        var state = Applied(DocumentState.Empty(Id, Limits), Edit("c", 1, 0, Delta.Empty.Insert("hello")));
        (state, _) = state.UpdatePresence(new UpdatePresence(Id, "p", "u", 1, 2, 2), nowMs: 1_000);

        var (byOther, notRemoved) = state.RemovePresence(new RemovePresence(Id, "p", "mallory"));
        var (byOwner, removed) = state.RemovePresence(new RemovePresence(Id, "p", "u"));
        var (again, none) = byOwner.RemovePresence(new RemovePresence(Id, "p", "u"));

        Assert.Null(notRemoved);
        Assert.Single(byOther.Presence);
        Assert.Equal(new PresenceRemoved(Id, "p"), removed);
        Assert.Empty(byOwner.Presence);
        Assert.Null(none);
        Assert.Empty(again.Presence);
    }

    [Fact]
    public void Presence_moves_through_later_ops_and_expires()
    {
        var state = Applied(DocumentState.Empty(Id, Limits), Edit("c", 1, 0, Delta.Empty.Insert("hello")));
        (state, var changed) = state.UpdatePresence(new UpdatePresence(Id, "p", "u", 1, 2, 2), nowMs: 1_000);
        state = Applied(state, Edit("c", 2, 1, Delta.Empty.Insert("__")));

        var moved = Assert.Single(state.PresenceAtHead());
        var (afterTtl, removed) = state.ExpirePresence(1_000 + (long)Limits.PresenceTtl.TotalMilliseconds);

        Assert.NotNull(changed);
        Assert.Equal((4, 2, 2L), (moved.Index, moved.Length, moved.Revision));
        Assert.Equal("p", Assert.Single(removed).ClientId);
        Assert.Empty(afterTtl.Presence);
    }

    [Fact]
    public void A_client_without_a_cursor_stays_present_at_any_revision_and_is_not_moved_by_ops()
    {
        // Its editor lost focus: range null on the wire, rev older than the window.
        var state = Applied(DocumentState.Empty(Id, Limits), Edit("c", 1, 0, Delta.Empty.Insert("hello")));
        (state, var changed) = state.UpdatePresence(new UpdatePresence(Id, "p", "u", 0, 0, 0, Idle: true, HasCursor: false), nowMs: 1_000);
        state = Applied(state, Edit("c", 2, 1, Delta.Empty.Insert("__")));

        var here = Assert.Single(state.PresenceAtHead());

        Assert.Equal((false, true), (changed!.HasCursor, changed.Idle));
        Assert.Equal((0, 0, false, true, 2L), (here.Index, here.Length, here.HasCursor, here.Idle, here.Revision));
    }

    [Fact]
    public void A_repeated_presence_renews_its_ttl_and_is_not_fanned_out_again()
    {
        // The browser repeats its presence while the document is open (a heartbeat).
        var ttl = (long)Limits.PresenceTtl.TotalMilliseconds;
        var state = DocumentState.Empty(Id, Limits);
        (state, _) = state.UpdatePresence(new UpdatePresence(Id, "p", "u", 0, 0, 0, HasCursor: false), nowMs: 1_000);
        (state, var repeat) = state.UpdatePresence(new UpdatePresence(Id, "p", "u", 0, 0, 0, HasCursor: false), nowMs: 1_000 + ttl - 1);

        var (afterFirstTtl, removed) = state.ExpirePresence(1_000 + ttl);

        Assert.Null(repeat); // nothing new to tell the others
        Assert.Empty(removed);
        Assert.Single(afterFirstTtl.Presence);
    }

    [Fact]
    public void A_reader_who_may_not_read_gets_no_presence_even_without_a_cursor()
    {
        var state = DocumentState.Empty(Id, Limits).Apply(new AccessChanged(Id, "owner", AccessLevel.Owner)).Apply(new GeneralAccessChanged(Id, AccessLevel.None));

        var (after, changed) = state.UpdatePresence(new UpdatePresence(Id, "p", "stranger", 0, 0, 0, HasCursor: false), nowMs: 1_000);

        Assert.Null(changed);
        Assert.Empty(after.Presence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/not/allowed")]
    [InlineData("ünïcode")]
    public void Document_id_rejects_bad_input_with_a_clear_message(string input)
    {
        var error = Assert.Throws<ArgumentException>(() => DocumentId.Parse(input));

        Assert.StartsWith("document id:", error.Message);
        Assert.Throws<ArgumentException>(() => DocumentId.Parse(new string('a', 129)));
        Assert.Equal("A-z_0.9", DocumentId.Parse("A-z_0.9").Value);
    }
}
