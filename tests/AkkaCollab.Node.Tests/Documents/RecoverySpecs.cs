using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Tests.Documents;

// Snapshots, passivation, recovery and crashes: what was acked survives, nothing twice.
public abstract class RecoverySpecs<TJournal>(TJournal journal) : DocumentSpecBase<TJournal>(journal)
    where TJournal : JournalFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Killing_the_actor_system_mid_run_loses_no_acked_op_and_resends_are_not_applied_twice()
    {
        var id = NewId();
        var submits = Enumerable.Range(0, 300)
            .Select(i => Edit(id, $"k{i}", 1, 0, Delta.Empty.Insert(i % 10 == 0 ? "\n" : "x")))
            .ToList();
        var acked = new List<SubmitAcked>();
        await using (var doomed = await Journal.StartHost())
        {
            var kit = new TestKit(doomed.System);
            var entity = doomed.System.ActorOf(DocumentEntity.PropsFor(id, Limits));
            submits.ForEach(s => entity.Tell(s, kit.TestActor));
            acked.Add(kit.ExpectMsg<SubmitAcked>(Wait));
            // Take what was acked so far, then pull the plug while writes are still in flight.
            while (acked.Count < 100)
            {
                acked.Add(kit.ExpectMsg<SubmitAcked>(Wait));
            }
            _ = doomed.System.Terminate();
        }

        var recovered = Start(id);
        var head = HeadOf(recovered, id);
        var ops = await JournalOps(id);
        Assert.True(head.Revision >= acked.Count, $"head {head.Revision} < {acked.Count} acked ops");
        Assert.Equal(ops.Count, head.Revision);
        foreach (var ack in acked)
        {
            var op = ops[(int)ack.Revision - 1];
            Assert.Equal((ack.ClientId, ack.Seq), (op.ClientId, op.Seq));
        }
        Assert.Equal(head.Content, ops.Aggregate(Delta.Empty, (doc, op) => doc.Compose(op.Delta)));

        // Every client resends: the durable ones get their original revision, the rest are applied once.
        var probe = Kit.CreateTestProbe();
        submits.ForEach(s => recovered.Tell(s, probe.Ref));
        var answers = probe.ReceiveN(submits.Count, Wait).Cast<SubmitAcked>().ToList();
        foreach (var ack in acked)
        {
            Assert.Contains(answers, a => a.ClientId == ack.ClientId && a.Revision == ack.Revision && a.Duplicate);
        }
        Assert.Equal(submits.Count, (await JournalOps(id)).Count);
        Assert.Equal(submits.Count, HeadOf(recovered, id).Revision);
    }

    [Fact]
    public async Task Snapshot_is_saved_every_n_ops_tagged_with_its_revision_and_recovery_replays_after_it()
    {
        var id = NewId();
        var entity = Start(id);
        for (var i = 0; i < 60; i++)
        {
            Acked(entity, Edit(id, "c1", i + 1, i, Delta.Empty.Insert(i % 7 == 0 ? "\n" : "a")));
        }
        var before = HeadOf(entity, id);
        Kit.Watch(entity);
        Host.System.Stop(entity);
        Kit.ExpectTerminated(entity, Wait);

        var snapshot = await LatestSnapshot(id);
        var recovered = Start(id);

        Assert.Equal(50, snapshot.Revision);
        var after = HeadOf(recovered, id);
        Assert.Equal((before.Revision, before.Content), (after.Revision, after.Content));
    }

    [Fact]
    public async Task Passivation_saves_a_snapshot_at_head_after_every_in_flight_write()
    {
        var id = NewId();
        var entity = Start(id);
        var probe = Kit.CreateTestProbe();
        for (var i = 0; i < 30; i++)
        {
            entity.Tell(Edit(id, $"c{i}", 1, 0, Delta.Empty.Insert("p")), probe.Ref);
        }
        entity.Tell(DocumentEntity.HandOffStop.Instance);
        Kit.Watch(entity);

        Kit.ExpectTerminated(entity, Wait);
        Assert.Equal(30, probe.ReceiveN(30, Wait).OfType<SubmitAcked>().Count());
        var snapshot = await LatestSnapshot(id);
        Assert.Equal(30, snapshot.Revision);
        Assert.Equal(new string('p', 30), snapshot.Content.PlainText());
        Assert.Equal(30, snapshot.Clients.Length);
    }

    [Fact]
    public async Task Dedupe_table_survives_recovery_so_a_resend_after_restart_gets_the_original_ack()
    {
        var id = NewId();
        var entity = Start(id);
        var submit = Edit(id, "c1", 1, 0, Delta.Empty.Insert("x"));
        var original = Acked(entity, submit);
        Acked(entity, Edit(id, "c2", 1, 1, Delta.Empty.Insert("y")));
        await StopAndWait(entity, id);

        var again = Acked(Start(id), submit);

        Assert.Equal((original.Revision, true), (again.Revision, again.Duplicate));
        Assert.Equal(2, (await JournalOps(id)).Count);
    }

    [Fact]
    public async Task Evicted_client_resend_is_answered_resync_and_never_applied_twice()
    {
        var id = NewId();
        var entity = Start(id, Limits with { MaxClients = 2 });
        var old = Edit(id, "a", 1, 0, Delta.Empty.Insert("a"));
        Acked(entity, old);
        Acked(entity, Edit(id, "b", 1, 1, Delta.Empty.Insert("b")));
        Acked(entity, Edit(id, "c", 1, 2, Delta.Empty.Insert("c")));

        var rejected = Rejected(entity, old);

        Assert.Equal(ErrorCode.Resync, rejected.Code);
        Assert.Equal(3, (await JournalOps(id)).Count);
        Assert.Equal("cba", HeadOf(entity, id).Content.PlainText());
    }

    private async Task<DocumentSnapshot> LatestSnapshot(DocumentId id)
    {
        var store = Persistence.Instance.Apply(Host.System).SnapshotStoreFor(null);
        var result = await store.Ask<LoadSnapshotResult>(
            new LoadSnapshot(DocumentEntity.PersistenceIdFor(id), SnapshotSelectionCriteria.Latest, long.MaxValue), Wait);
        return Assert.IsType<DocumentSnapshot>(result.Snapshot?.Snapshot);
    }
}

public sealed class RecoverySqliteSpecs(SqliteJournalFixture journal) : RecoverySpecs<SqliteJournalFixture>(journal);

public sealed class RecoveryPostgresSpecs(PostgresJournalFixture journal) : RecoverySpecs<PostgresJournalFixture>(journal);
