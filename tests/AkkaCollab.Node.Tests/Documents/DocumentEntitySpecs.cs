using Akka.Actor;
using Akka.Event;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Node.Tests.Documents;

// The rules of the document authority, on a real journal (see the two classes at the end).
public abstract class DocumentEntitySpecs<TJournal>(TJournal journal) : DocumentSpecBase<TJournal>(journal)
    where TJournal : JournalFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Submit_is_acked_with_the_next_revision_only_after_it_is_in_the_journal()
    {
        var id = NewId();
        var entity = Start(id);

        var ack = Acked(entity, Edit(id, "c1", 1, 0, Delta.Empty.Insert("hello")));

        Assert.Equal(1, ack.Revision);
        Assert.False(ack.Duplicate);
        var journal = await JournalOps(id);
        Assert.Equal([1L], journal.Select(o => o.Revision));
        Assert.Equal(Delta.Empty.Insert("hello"), HeadOf(entity, id).Content);
    }

    [Fact]
    public async Task Hot_document_pipelines_its_writes_instead_of_one_round_trip_per_op()
    {
        var id = NewId();
        var entity = Start(id, Limits with { SnapshotEvery = 100_000 });
        Acked(entity, Edit(id, "slow", 1, 0, Delta.Empty.Insert("s")));
        // One op at a time (after the first: recovery, connections, JIT): each waits for its own round trip.
        var sequential = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; i < 20; i++)
        {
            Acked(entity, Edit(id, "slow", i + 1, i, Delta.Empty.Insert("s")));
        }
        var perRoundTrip = sequential.Elapsed / 19;
        var probe = Kit.CreateTestProbe();

        var pipelined = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 500; i++)
        {
            entity.Tell(Edit(id, $"fast{i}", 1, 20, Delta.Empty.Insert("f")), probe.Ref);
        }
        var acks = probe.ReceiveN(500, TimeSpan.FromSeconds(30)).Cast<SubmitAcked>().ToList();
        pipelined.Stop();

        Assert.Equal(Enumerable.Range(21, 500).Select(r => (long)r), acks.Select(a => a.Revision));
        Assert.True(pipelined.Elapsed < perRoundTrip * 500 / 2.5,
            $"500 pipelined submits took {pipelined.Elapsed.TotalMilliseconds:N0} ms, one round trip takes {perRoundTrip.TotalMilliseconds:N2} ms");
        Assert.Equal(520, (await JournalOps(id)).Count);
    }

    [Fact]
    public async Task Resent_submit_gets_the_original_ack_and_is_applied_once()
    {
        var id = NewId();
        var entity = Start(id);
        var submit = Edit(id, "c1", 1, 0, Delta.Empty.Insert("once"));
        var first = Acked(entity, submit);
        Acked(entity, Edit(id, "c2", 1, 1, Delta.Empty.Insert("x")));

        var again = Acked(entity, submit);

        Assert.Equal(first.Revision, again.Revision);
        Assert.True(again.Duplicate);
        Assert.Equal("xonce", HeadOf(entity, id).Content.PlainText());
        Assert.Equal(2, (await JournalOps(id)).Count);
    }

    [Fact]
    public void Resend_of_an_op_still_being_written_is_answered_after_the_original_ack()
    {
        var id = NewId();
        var entity = Start(id);
        var probe = Kit.CreateTestProbe();
        var submit = Edit(id, "c1", 1, 0, Delta.Empty.Insert("a"));

        entity.Tell(submit, probe.Ref);
        entity.Tell(submit, probe.Ref);

        var first = probe.ExpectMsg<SubmitAcked>(Wait);
        var second = probe.ExpectMsg<SubmitAcked>(Wait);
        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Revision, second.Revision);
    }

    [Fact]
    public void Concurrent_submit_is_transformed_against_the_ops_after_its_base()
    {
        var id = NewId();
        var entity = Start(id);
        Acked(entity, Edit(id, "c1", 1, 0, Delta.Empty.Insert("abc")));
        Acked(entity, Edit(id, "c1", 2, 1, Delta.Empty.Insert("X")));

        // c2 saw only revision 1 ("abc") and inserts after 'c'.
        var ack = Acked(entity, Edit(id, "c2", 1, 1, Delta.Empty.Retain(3).Insert("!")));

        Assert.Equal(3, ack.Revision);
        Assert.Equal("Xabc!", HeadOf(entity, id).Content.PlainText());
    }

    [Fact]
    public void Submit_based_before_the_window_is_transformed_with_ops_read_from_the_journal()
    {
        var id = NewId();
        var limits = Limits with { WindowSize = 3 };
        var entity = Start(id, limits);
        for (var i = 0; i < 10; i++)
        {
            Acked(entity, Edit(id, "c1", i + 1, i, Delta.Empty.Insert(i.ToString())));
        }

        var ack = Acked(entity, Edit(id, "late", 1, 0, Delta.Empty.Insert("L")));

        Assert.Equal(11, ack.Revision);
        // Every op sequenced before it wins the tie at index 0.
        Assert.Equal("9876543210L", HeadOf(entity, id).Content.PlainText());
    }

    [Fact]
    public void Submit_based_beyond_the_journal_lookback_is_answered_resync_and_changes_nothing()
    {
        var id = NewId();
        var entity = Start(id, Limits with { WindowSize = 2, JournalLookback = 3 });
        for (var i = 0; i < 5; i++)
        {
            Acked(entity, Edit(id, "c1", i + 1, i, Delta.Empty.Insert("a")));
        }

        var rejected = Rejected(entity, Edit(id, "c2", 1, 1, Delta.Empty.Insert("b")));

        Assert.Equal(ErrorCode.Resync, rejected.Code);
        Assert.Equal(5, rejected.HeadRevision);
        Assert.Equal(5, HeadOf(entity, id).Revision);
    }

    [Fact]
    public async Task Invalid_submits_are_rejected_with_their_code_and_change_nothing()
    {
        var id = NewId();
        var entity = Start(id, Limits with
        {
            Validation = Limits.Validation with { MaxOps = 5, MaxInsertLength = 10, MaxDocumentLength = 12 },
        });
        Acked(entity, Edit(id, "c1", 1, 0, Delta.Empty.Insert("hello")));
        var before = HeadOf(entity, id);
        var tooManyOps = Enumerable.Range(0, 6).Aggregate(Delta.Empty, (d, i) => d.Insert("x", i % 2 == 0 ? AttributeMap.From(("bold", true)) : null));
        var cases = new (string Input, Submit Submit, ErrorCode Code)[]
        {
            ("delete past the end", Edit(id, "c2", 1, 1, Delta.Empty.Retain(3).Delete(5)), ErrorCode.BadOp),
            ("retain past the end", Edit(id, "c2", 1, 1, Delta.Empty.Retain(6, AttributeMap.From(("bold", true)))), ErrorCode.BadOp),
            ("base revision in the future", Edit(id, "c2", 1, 7, Delta.Empty.Insert("a")), ErrorCode.BadRevision),
            ("negative base revision", Edit(id, "c2", 1, -1, Delta.Empty.Insert("a")), ErrorCode.BadRevision),
            ("seq zero", Edit(id, "c2", 0, 1, Delta.Empty.Insert("a")), ErrorCode.BadOp),
            ("empty client id", Edit(id, "", 1, 1, Delta.Empty.Insert("a")), ErrorCode.BadOp),
            ("too many ops", Edit(id, "c2", 1, 1, tooManyOps), ErrorCode.TooLarge),
            ("insert too long", Edit(id, "c2", 1, 1, Delta.Empty.Insert(new string('y', 11))), ErrorCode.TooLarge),
            ("document too long", Edit(id, "c2", 1, 1, Delta.Empty.Insert("12345678")), ErrorCode.TooLarge),
            ("unknown format", Edit(id, "c2", 1, 1, Delta.Empty.Insert("a", AttributeMap.From(("onclick", "x")))), ErrorCode.BadAttribute),
            ("javascript link", Edit(id, "c2", 1, 1, Delta.Empty.Insert("a", AttributeMap.From(("link", "javascript:alert(1)")))), ErrorCode.UnsafeLink),
            ("wrong document", Edit(NewId(), "c2", 1, 1, Delta.Empty.Insert("a")), ErrorCode.BadOp),
        };

        foreach (var (input, submit, code) in cases)
        {
            var rejected = Rejected(entity, submit);
            Assert.True(code == rejected.Code, $"{input}: expected {code}, got {rejected.Code} ({rejected.Reason})");
            Assert.False(string.IsNullOrWhiteSpace(rejected.Reason), input);
        }

        var after = HeadOf(entity, id);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.Content, after.Content);
        Assert.Single(await JournalOps(id));
        // c2 was never recorded: its first valid op is applied as seq 1.
        Assert.Equal(2, Acked(entity, Edit(id, "c2", 1, 1, Delta.Empty.Insert("a"))).Revision);
    }

    [Fact]
    public void Submit_by_a_user_without_write_access_is_forbidden()
    {
        var id = NewId();
        var entity = Start(id);
        var probe = Kit.CreateTestProbe();
        // An operator restricts the document to alice (editor) and bob (viewer).
        entity.Tell(new ChangeAccess(id, "ops", true, "alice", AccessLevel.Write), probe.Ref);
        entity.Tell(new ChangeAccess(id, "ops", true, "bob", AccessLevel.Read), probe.Ref);
        entity.Tell(new ChangeGeneralAccess(id, "ops", true, AccessLevel.None), probe.Ref);
        probe.ExpectMsg<AccessUpdated>(Wait);
        probe.ExpectMsg<AccessUpdated>(Wait);
        Assert.Equal(AccessLevel.None, probe.ExpectMsg<AccessUpdated>(Wait).General);

        var rejected = Rejected(entity, Edit(id, "c2", 1, 0, Delta.Empty.Insert("b"), user: "bob"));
        var ack = Acked(entity, Edit(id, "c1", 1, 0, Delta.Empty.Insert("a"), user: "alice"));
        entity.Tell(new Subscribe(id, probe.Ref, "mallory", null));

        Assert.Equal(ErrorCode.Forbidden, rejected.Code);
        Assert.Equal(1, ack.Revision);
        Assert.Equal(ErrorCode.Forbidden, probe.ExpectMsg<SubscribeRejected>(Wait).Code);
    }

    [Fact]
    public void Two_people_claiming_a_document_at_once_leave_one_owner_and_the_second_is_refused_and_it_survives_a_restart()
    {
        var id = NewId();
        var entity = Start(id);
        var alice = Kit.CreateTestProbe();
        var bob = Kit.CreateTestProbe();
        // Both sent before either is durable: the second is decided on the state the first left.
        entity.Tell(new ChangeAccess(id, "alice", false, "carol", AccessLevel.Write), alice.Ref);
        entity.Tell(new ChangeAccess(id, "bob", false, "dave", AccessLevel.Write), bob.Ref);

        var updated = alice.ExpectMsg<AccessUpdated>(Wait);
        var refused = bob.ExpectMsg<AccessRefused>(Wait);
        AccessEntry[] expected = [new("alice", AccessLevel.Owner), new("carol", AccessLevel.Write)];
        Assert.Equal(expected, updated.Members.ToArray());
        Assert.Equal(AccessLevel.Write, updated.General);
        Assert.Equal(ErrorCode.Forbidden, refused.Code);

        Kit.Watch(entity);
        Kit.Sys.Stop(entity);
        Kit.ExpectTerminated(entity, Wait);
        var restarted = Start(id);
        restarted.Tell(new GetAccessList(id), alice.Ref);
        var recovered = alice.ExpectMsg<AccessUpdated>(Wait);
        Assert.Equal(expected, recovered.Members.ToArray());
        Assert.Equal(AccessLevel.Write, recovered.General);
    }

    [Fact]
    public void Subscriber_gets_the_ops_after_its_revision_then_every_new_op_in_order()
    {
        var id = NewId();
        var entity = Start(id);
        for (var i = 0; i < 5; i++)
        {
            Acked(entity, Edit(id, "c1", i + 1, i, Delta.Empty.Insert("a")));
        }
        var subscriber = Kit.CreateTestProbe();

        entity.Tell(new Subscribe(id, subscriber.Ref, "alice", 2));
        var writer = Kit.CreateTestProbe();
        for (var i = 5; i < 25; i++)
        {
            entity.Tell(Edit(id, "c1", i + 1, i, Delta.Empty.Insert("b")), writer.Ref);
        }

        var subscribed = subscriber.ExpectMsg<Subscribed>(Wait);
        Assert.Null(subscribed.Content);
        Assert.Equal([3L, 4L, 5L], subscribed.Ops.Select(o => o.Revision));
        var live = Enumerable.Range(0, 20).Select(_ => subscriber.ExpectMsg<OpApplied>(Wait).Revision).ToList();
        Assert.Equal(Enumerable.Range(6, 20).Select(r => (long)r), live);
    }

    [Fact]
    public void Subscriber_without_a_revision_or_with_one_too_old_gets_the_content_at_head()
    {
        var id = NewId();
        var entity = Start(id, Limits with { WindowSize = 2 });
        for (var i = 0; i < 5; i++)
        {
            Acked(entity, Edit(id, "c1", i + 1, i, Delta.Empty.Insert(i.ToString())));
        }
        var fresh = Kit.CreateTestProbe();
        var stale = Kit.CreateTestProbe();

        entity.Tell(new Subscribe(id, fresh.Ref, "alice", null));
        entity.Tell(new Subscribe(id, stale.Ref, "alice", 1));
        Acked(entity, Edit(id, "c1", 6, 5, Delta.Empty.Insert("!")));

        foreach (var probe in new[] { fresh, stale })
        {
            var subscribed = probe.ExpectMsg<Subscribed>(Wait);
            Assert.Equal(5, subscribed.HeadRevision);
            Assert.Equal("43210", subscribed.Content!.PlainText());
            Assert.Empty(subscribed.Ops);
            Assert.Equal(6, probe.ExpectMsg<OpApplied>(Wait).Revision);
        }
    }

    [Fact]
    public void Dead_subscriber_is_dropped_and_gets_nothing_more()
    {
        var id = NewId();
        var entity = Start(id);
        var subscriber = Kit.CreateTestProbe();
        entity.Tell(new Subscribe(id, subscriber.Ref, "alice", null));
        subscriber.ExpectMsg<Subscribed>(Wait);
        var deadLetters = Kit.CreateTestProbe();
        Host.System.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        Host.System.Stop(subscriber.Ref);
        Kit.Watch(subscriber.Ref);
        Kit.ExpectTerminated(subscriber.Ref, Wait);
        // The entity's own Terminated is delivered asynchronously: give it a moment, then write.
        Thread.Sleep(300);
        Acked(entity, Edit(id, "c1", 1, 0, Delta.Empty.Insert("a")));

        deadLetters.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_rename_is_durable_before_it_is_answered_reaches_every_subscriber_and_survives_a_restart()
    {
        var id = NewId();
        var entity = Start(id);
        Acked(entity, Edit(id, "c1", 1, 0, Delta.Empty.Insert("hello")));
        var watcher = Kit.CreateTestProbe();
        entity.Tell(new Subscribe(id, watcher.Ref, "alice", null));
        Assert.Null(watcher.ExpectMsg<Subscribed>(Wait).Title);

        var asker = Kit.CreateTestProbe();
        entity.Tell(new Rename(id, "alice", "日本語の文書"), asker.Ref);

        Assert.Equal(new TitleOf(id, "日本語の文書"), asker.ExpectMsg<TitleOf>(Wait));
        Assert.Equal(new TitleChanged(id, "日本語の文書", "alice"), watcher.ExpectMsg<TitleChanged>(Wait) with { AtMs = null });
        // A rename is not an edit: the revision stays, and an op after it still follows on.
        Assert.Equal((1L, "日本語の文書"), (HeadOf(entity, id).Revision, HeadOf(entity, id).Title));
        Assert.Equal(2, Acked(entity, Edit(id, "c1", 2, 1, Delta.Empty.Retain(5).Insert("!"))).Revision);
        var late = Kit.CreateTestProbe();
        entity.Tell(new Subscribe(id, late.Ref, "alice", null));
        Assert.Equal("日本語の文書", late.ExpectMsg<Subscribed>(Wait).Title);

        // Renamed again after the snapshot the stop takes, then recovered from snapshot plus events.
        await StopAndWait(entity, id);
        var second = Start(id);
        second.Tell(new Rename(id, "bob", "Plan B"), asker.Ref);
        asker.ExpectMsg<TitleOf>(Wait);
        await StopAndWait(second, id);
        var recovered = Start(id);
        Assert.Equal((2L, "Plan B"), (HeadOf(recovered, id).Revision, HeadOf(recovered, id).Title));
        Assert.Equal(2, (await JournalOps(id)).Count);
    }

    [Fact]
    public void A_refused_rename_is_answered_with_the_reason_and_nobody_is_told_anything()
    {
        var id = NewId();
        var entity = Start(id);
        var watcher = Kit.CreateTestProbe();
        entity.Tell(new Subscribe(id, watcher.Ref, "alice", null));
        watcher.ExpectMsg<Subscribed>(Wait);
        var asker = Kit.CreateTestProbe();

        entity.Tell(new Rename(id, "alice", "two\nlines"), asker.Ref);

        var refused = asker.ExpectMsg<RenameRefused>(Wait);
        Assert.Equal((ErrorCode.BadMessage, "title: must be one line, without control characters"), (refused.Code, refused.Reason));
        Assert.Null(HeadOf(entity, id).Title);
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Presence_is_relayed_moved_through_later_ops_and_expires_after_its_ttl()
    {
        var id = NewId();
        var entity = Start(id, Limits with { PresenceTtl = TimeSpan.FromMilliseconds(600) });
        Acked(entity, Edit(id, "c1", 1, 0, Delta.Empty.Insert("hello world")));
        var watcher = Kit.CreateTestProbe();
        entity.Tell(new Subscribe(id, watcher.Ref, "alice", null));
        watcher.ExpectMsg<Subscribed>(Wait);

        entity.Tell(new UpdatePresence(id, "c2", "bob", 1, 6, 5));
        var changed = watcher.ExpectMsg<PresenceChanged>(Wait);
        Acked(entity, Edit(id, "c1", 2, 1, Delta.Empty.Insert(">> ")));
        watcher.ExpectMsg<OpApplied>(Wait);
        var late = Kit.CreateTestProbe();
        entity.Tell(new Subscribe(id, late.Ref, "alice", null));

        Assert.Equal((6, 5), (changed.Index, changed.Length));
        var moved = Assert.Single(late.ExpectMsg<Subscribed>(Wait).Presence);
        Assert.Equal(("c2", 9, 5, 2L), (moved.ClientId, moved.Index, moved.Length, moved.Revision));
        Assert.Equal("c2", watcher.ExpectMsg<PresenceRemoved>(TimeSpan.FromSeconds(3)).ClientId);
    }

    [Fact]
    public async Task Queries_answer_head_past_content_and_op_ranges_from_window_and_journal()
    {
        var id = NewId();
        var entity = Start(id, Limits with { WindowSize = 3 });
        for (var i = 0; i < 8; i++)
        {
            Acked(entity, Edit(id, "c1", i + 1, i, Delta.Empty.Insert(i.ToString())));
        }
        var probe = Kit.CreateTestProbe();

        entity.Tell(new GetContentAt(id, 3), probe.Ref);
        var past = probe.ExpectMsg<ContentAt>(Wait);
        entity.Tell(new GetOps(id, 2, 4), probe.Ref);
        var fromJournal = probe.ExpectMsg<Ops>(Wait);
        entity.Tell(new GetOps(id, 7, 100), probe.Ref);
        var fromWindow = probe.ExpectMsg<Ops>(Wait);
        entity.Tell(new GetContentAt(id, 9), probe.Ref);
        var future = probe.ExpectMsg<QueryRejected>(Wait);

        Assert.Equal("210", past.Content.PlainText());
        Assert.Equal([2L, 3L, 4L], fromJournal.Items.Select(o => o.Revision));
        Assert.Equal([7L, 8L], fromWindow.Items.Select(o => o.Revision));
        Assert.Equal(ErrorCode.BadRevision, future.Code);
        var head = HeadOf(entity, id);
        Assert.Equal((8L, "76543210"), (head.Revision, head.Content.PlainText()));
        Assert.Equal(8, (await JournalOps(id)).Count);
    }

    [Fact]
    public void A_past_revision_is_read_from_the_newest_snapshot_at_or_below_it_plus_only_the_ops_after_it()
    {
        var id = NewId();
        var reads = new RecordingHistory(new JournalHistory(Host.System));
        var entity = Host.System.ActorOf(DocumentEntity.PropsFor(id, Limits with { WindowSize = 3, SnapshotEvery = 100_000 }, reads));
        var probe = Kit.CreateTestProbe();
        for (var i = 0; i < 12; i++)
        {
            Acked(entity, Edit(id, "c1", i + 1, i, Delta.Empty.Insert(i.ToString())));
            if (i + 1 == 8)
            {
                entity.Tell(new DocumentAdmin.TakeSnapshot(id), probe.Ref);
                Assert.True(probe.ExpectMsg<DocumentAdmin.SnapshotTaken>(Wait).Saved);
            }
        }
        string At(long revision)
        {
            entity.Tell(new GetContentAt(id, revision), probe.Ref);
            return probe.ExpectMsg<ContentAt>(Wait).Content.PlainText();
        }
        static string Expected(int revision) => string.Concat(Enumerable.Range(0, revision).Reverse());

        Assert.Equal(Expected(10), At(10));
        Assert.Equal(Expected(8), At(8));
        Assert.Equal(Expected(5), At(5));

        // 10: from the snapshot at 8, the journal read from 9; 8: the snapshot alone; 5: no
        // snapshot at or below it, so from revision 1.
        Assert.Equal([(9L, 10L), (1L, 5L)], reads.Reads);
    }

    [Fact]
    public void Ops_are_read_from_the_journal_past_more_access_changes_than_the_reads_first_page_allows_for()
    {
        var id = NewId();
        var entity = Start(id, Limits with { WindowSize = 2 });
        var probe = Kit.CreateTestProbe();
        for (var i = 0; i < 3; i++)
        {
            Acked(entity, Edit(id, "c1", i + 1, i, Delta.Empty.Insert("a")));
        }
        // 80 access changes: sequence numbers 4..83 carry no revision.
        for (var u = 0; u < 80; u++)
        {
            entity.Tell(new ChangeAccess(id, "ops", true, $"user-{u}", AccessLevel.Read), probe.Ref);
            probe.ExpectMsg<AccessUpdated>(Wait);
        }
        for (var i = 3; i < 6; i++)
        {
            Acked(entity, Edit(id, "c1", i + 1, i, Delta.Empty.Insert("b")));
        }

        entity.Tell(new GetOps(id, 1, 6), probe.Ref);
        var ops = probe.ExpectMsg<Ops>(Wait);
        entity.Tell(new GetContentAt(id, 5), probe.Ref);
        var past = probe.ExpectMsg<ContentAt>(Wait);

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], ops.Items.Select(o => o.Revision));
        Assert.Equal("bbaaa", past.Content.PlainText());
    }

    private sealed class RecordingHistory(IDocumentHistory inner) : IDocumentHistory
    {
        private readonly List<(long From, long To)> _reads = [];

        public List<(long From, long To)> Reads
        {
            get { lock (_reads) return [.. _reads]; }
        }

        public Task<IReadOnlyList<OpApplied>> ReadOps(string persistenceId, long fromRevision, long toRevision)
        {
            lock (_reads) _reads.Add((fromRevision, toRevision));
            return inner.ReadOps(persistenceId, fromRevision, toRevision);
        }
    }
}

public sealed class DocumentEntitySqliteSpecs(SqliteJournalFixture journal) : DocumentEntitySpecs<SqliteJournalFixture>(journal);

public sealed class DocumentEntityPostgresSpecs(PostgresJournalFixture journal) : DocumentEntitySpecs<PostgresJournalFixture>(journal);
