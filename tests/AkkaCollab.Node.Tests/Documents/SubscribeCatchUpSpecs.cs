using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Tests.Documents;

// A feed that comes back after a move, a partition or a restart of the authority asks for the
// ops after its revision: it gets those ops, from the journal when the window does not reach
// back, and the content only when the history cannot be read.
public abstract class SubscribeCatchUpSpecs<TJournal>(TJournal journal) : DocumentSpecBase<TJournal>(journal)
    where TJournal : JournalFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // Recovered from the snapshot at revision 10, so its window is empty.
    private async Task<(DocumentId Id, IActorRef Entity)> RestartedAt10(IDocumentHistory? history = null)
    {
        var id = NewId();
        var limits = Limits with { SnapshotEvery = 5, WindowSize = 2 };
        var first = Start(id, limits);
        for (var i = 0; i < 10; i++)
        {
            Acked(first, Edit(id, "c1", i + 1, i, Delta.Empty.Insert(i.ToString())));
        }
        await StopAndWait(first, id);
        return (id, Host.System.ActorOf(DocumentEntity.PropsFor(id, limits, history)));
    }

    [Fact]
    public async Task Restarted_authority_with_an_empty_window_replays_the_ops_after_from_read_from_the_journal()
    {
        var (id, entity) = await RestartedAt10();
        var feed = Kit.CreateTestProbe();

        entity.Tell(new Subscribe(id, feed.Ref, GatewayFeedUser, 3, OpsFromJournal: true));
        var subscribed = feed.ExpectMsg<Subscribed>(Wait);
        Acked(entity, Edit(id, "c1", 11, 10, Delta.Empty.Insert("!")));

        Assert.Null(subscribed.Content);
        Assert.Equal(10, subscribed.HeadRevision);
        Assert.Equal(Enumerable.Range(4, 7).Select(r => (long)r), subscribed.Ops.Select(o => o.Revision));
        Assert.Equal(Enumerable.Range(4, 7).Select(r => $"{r - 1}"), subscribed.Ops.Select(o => o.Delta.PlainText()));
        Assert.Equal(11, feed.ExpectMsg<OpApplied>(Wait).Revision);
    }

    [Fact]
    public async Task Ops_committed_while_the_journal_is_read_follow_the_replay_in_order_without_a_gap()
    {
        var (id, entity) = await RestartedAt10();
        var feed = Kit.CreateTestProbe();
        var writer = Kit.CreateTestProbe();

        entity.Tell(new Subscribe(id, feed.Ref, GatewayFeedUser, 0, OpsFromJournal: true));
        for (var i = 10; i < 20; i++)
        {
            entity.Tell(Edit(id, "c2", i + 1, i, Delta.Empty.Insert("w")), writer.Ref);
        }
        writer.ReceiveN(10, Wait);

        var subscribed = feed.ExpectMsg<Subscribed>(Wait);
        var revisions = subscribed.Ops.Select(o => o.Revision).ToList();
        while (revisions.Count < 20)
        {
            revisions.Add(feed.ExpectMsg<OpApplied>(Wait).Revision);
        }
        Assert.Null(subscribed.Content);
        Assert.Equal(Enumerable.Range(1, 20).Select(r => (long)r), revisions);
    }

    [Fact]
    public async Task When_the_history_cannot_be_read_the_content_at_head_answers_instead()
    {
        var (id, entity) = await RestartedAt10(new UnreadableHistory());
        var feed = Kit.CreateTestProbe();

        entity.Tell(new Subscribe(id, feed.Ref, GatewayFeedUser, 3, OpsFromJournal: true));

        var subscribed = feed.ExpectMsg<Subscribed>(Wait);
        Assert.Equal((10L, "9876543210"), (subscribed.HeadRevision, subscribed.Content!.PlainText()));
        Assert.Empty(subscribed.Ops);
    }

    // The journal is down (or the history was deleted): every read fails.
    private sealed class UnreadableHistory : IDocumentHistory
    {
        public Task<IReadOnlyList<OpApplied>> ReadOps(string persistenceId, long fromRevision, long toRevision) =>
            Task.FromException<IReadOnlyList<OpApplied>>(new InvalidOperationException("journal unavailable"));
    }
}

public sealed class SubscribeCatchUpSqliteSpecs(SqliteJournalFixture journal) : SubscribeCatchUpSpecs<SqliteJournalFixture>(journal);

public sealed class SubscribeCatchUpPostgresSpecs(PostgresJournalFixture journal) : SubscribeCatchUpSpecs<PostgresJournalFixture>(journal);
