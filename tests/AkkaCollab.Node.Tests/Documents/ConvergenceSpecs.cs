using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Node.Tests.Documents;

// Many clients editing at once, random ops, many seeds: everyone converges to the entity's
// content, and the journal holds every acked op exactly once at its acked revision.
public abstract class ConvergenceSpecs<TJournal>(TJournal journal) : DocumentSpecBase<TJournal>(journal)
    where TJournal : JournalFixture
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 8)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Concurrent_random_clients_converge_and_every_acked_op_is_journaled_once(int seed)
    {
        var rng = new Random(seed);
        var id = NewId();
        var entity = Start(id, Limits with { WindowSize = 8, SnapshotEvery = 25 });
        var clients = Enumerable.Range(0, 8)
            .Select(i => new SimulatedClient($"client-{i}", id, entity, Kit.CreateTestProbe(), new Random(seed * 100 + i)))
            .ToList();
        clients.ForEach(c => c.Subscribe());

        // Rounds of random edits, each followed by a short pause in which acks and remote ops
        // arrive, so that clients interleave: some edit on stale revisions, some buffer.
        for (var round = 0; round < 150; round++)
        {
            for (var edit = rng.Next(1, 6); edit > 0; edit--)
            {
                clients[rng.Next(clients.Count)].Edit();
            }
            Thread.Sleep(rng.Next(0, 3));
            // Pace rounds by the server rather than the clock: wait (briefly) until something arrived.
            var until = DateTime.UtcNow.AddMilliseconds(100);
            while (!clients.Any(c => c.HasMessages) && DateTime.UtcNow < until)
            {
                Thread.Sleep(1);
            }
            foreach (var client in clients.Where(_ => rng.Next(3) > 0))
            {
                while (client.Step())
                {
                }
            }
        }
        var head = Settle(entity, id, clients);
        Assert.True(head.Revision >= 40, $"seed {seed}: only {head.Revision} ops were sequenced; the run did not interleave");

        foreach (var client in clients)
        {
            Assert.Equal(head.Revision, client.Revision);
            Assert.True(head.Content == client.Document, $"seed {seed}: {client.Id} diverged: {client.Document.ToJson()} vs {head.Content.ToJson()}");
        }
        var ops = await JournalOps(id);
        Assert.Equal(Enumerable.Range(1, (int)head.Revision).Select(r => (long)r), ops.Select(o => o.Revision));
        var acks = clients.SelectMany(c => c.Acks.Select(a => (Client: c.Id, a.Seq, a.Revision))).ToList();
        Assert.Equal(ops.Count, acks.Count);
        Assert.Equal(ops.Count, acks.Select(a => (a.Client, a.Seq)).Distinct().Count());
        foreach (var ack in acks)
        {
            var op = ops[(int)ack.Revision - 1];
            Assert.Equal((ack.Client, ack.Seq), (op.ClientId, op.Seq));
        }
        Assert.Equal(head.Content, ops.Aggregate(Delta.Empty, (doc, op) => doc.Compose(op.Delta)));
    }

    private DocumentQueriesHead Settle(Akka.Actor.IActorRef entity, DocumentId id, List<SimulatedClient> clients)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var busy = clients.Aggregate(false, (any, c) => c.Step() | any);
            if (!busy && clients.All(c => c.Idle))
            {
                var head = HeadOf(entity, id);
                if (clients.All(c => c.Revision == head.Revision))
                {
                    return new(head.Revision, head.Content);
                }
            }
            if (!busy)
            {
                Thread.Sleep(2);
            }
        }
        throw new TimeoutException("clients did not settle within 30 s");
    }

    private sealed record DocumentQueriesHead(long Revision, Delta Content);
}

public sealed class ConvergenceSqliteSpecs(SqliteJournalFixture journal) : ConvergenceSpecs<SqliteJournalFixture>(journal);

public sealed class ConvergencePostgresSpecs(PostgresJournalFixture journal) : ConvergenceSpecs<PostgresJournalFixture>(journal);
