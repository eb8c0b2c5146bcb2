using Akka.Actor;
using Akka.Persistence;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Node.Hosting;
using AkkaCollab.Node.Tests.Infrastructure;

namespace AkkaCollab.Node.Tests.Hosting;

// A node warms its journal before it joins: a write, a snapshot and their deletes on its own
// persistence id, leaving nothing that a later recovery of that id would replay.
public abstract class JournalWarmUpSpecs<TJournal>(TJournal journal) : DocumentSpecBase<TJournal>(journal)
    where TJournal : JournalFixture
{
    [Fact]
    public async Task A_warm_up_completes_and_leaves_no_event_or_snapshot_behind()
    {
        var node = "warm-" + Guid.NewGuid().ToString("N")[..8];

        var took = await JournalWarmUps.Run(Host.System, node, TimeSpan.FromSeconds(30));

        Assert.True(took > TimeSpan.Zero);
        var probe = Kit.CreateTestProbe();
        Host.System.ActorOf(Props.Create(() => new Recorder("node-warm-up-" + node, probe.Ref)));
        var recovered = probe.ExpectMsg<List<object>>(TimeSpan.FromSeconds(10));
        Assert.Empty(recovered);
    }

    [Fact]
    public async Task A_second_warm_up_of_the_same_node_completes_as_the_first()
    {
        // A node restarts with the same address: the id's sequence numbers go on after the deletes.
        var node = "warm-" + Guid.NewGuid().ToString("N")[..8];
        await JournalWarmUps.Run(Host.System, node, TimeSpan.FromSeconds(30));

        var again = await JournalWarmUps.Run(Host.System, node, TimeSpan.FromSeconds(30));

        Assert.True(again > TimeSpan.Zero);
    }

    // Recovers an id and reports what it was offered (snapshots and events).
    private sealed class Recorder : ReceivePersistentActor
    {
        public Recorder(string persistenceId, IActorRef report)
        {
            PersistenceId = persistenceId;
            var seen = new List<object>();
            Recover<SnapshotOffer>(offer => seen.Add(offer.Snapshot));
            Recover<NodeWarmedUp>(seen.Add);
            Recover<RecoveryCompleted>(_ => report.Tell(seen));
        }

        public override string PersistenceId { get; }
    }
}

public sealed class JournalWarmUpSqliteSpecs(SqliteJournalFixture journal) : JournalWarmUpSpecs<SqliteJournalFixture>(journal);

public sealed class JournalWarmUpPostgresSpecs(PostgresJournalFixture journal) : JournalWarmUpSpecs<PostgresJournalFixture>(journal);
