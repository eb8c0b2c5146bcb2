using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Storage;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol.Deltas;
using Npgsql;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Node.Tests.Storage;

// The PostgreSQL journal's own write path (PostgresWriteJournal): its rows are the plugin's
// rows, and a batch that one fenced write breaks still commits everyone else's writes.
public sealed class PostgresWriteJournalSpecs(PostgresJournalFixture journal) : DocumentSpecBase<PostgresJournalFixture>(journal)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public void The_PostgreSql_journal_writes_through_the_direct_path()
    {
        var journalClass = Host.System.Settings.Config.GetString("akka.persistence.journal.sql.class");

        Assert.Equal(typeof(PostgresWriteJournal).AssemblyQualifiedName, journalClass);
    }

    [Fact]
    public async Task Rows_it_writes_are_the_plugins_rows_and_a_fresh_system_recovers_them()
    {
        var ids = Enumerable.Range(0, 12).Select(_ => NewId()).ToList();
        var entities = ids.Select(id => Start(id)).ToList();
        var probe = Kit.CreateTestProbe();
        // Many documents at once, so that their writes share INSERTs.
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                entities[i].Tell(Edit(ids[i], "c1", round + 1, round, Delta.Empty.Insert($"{round}")), probe.Ref);
            }
            probe.ReceiveN(ids.Count, Wait);
        }

        await using (var connection = new NpgsqlConnection(Journal.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*), count(DISTINCT writer_uuid), min(created), bool_or(deleted), min(length(manifest)), count(DISTINCT identifier) " +
                "FROM journal WHERE persistence_id = ANY(@p)", connection);
            command.Parameters.AddWithValue("p", ids.Select(DocumentEntity.PersistenceIdFor).ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(60, reader.GetInt64(0));
            Assert.Equal(1, reader.GetInt64(1));
            // created is DateTime ticks, as the plugin writes it.
            Assert.InRange(new DateTime(reader.GetInt64(2), DateTimeKind.Utc), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow);
            Assert.False(reader.GetBoolean(3));
            Assert.True(reader.GetInt32(4) > 0);
            Assert.Equal(1, reader.GetInt64(5));
        }

        await using var fresh = await Journal.StartHost();
        var freshKit = new TestKit(fresh.System);
        foreach (var id in ids)
        {
            fresh.System.ActorOf(DocumentEntity.PropsFor(id, Limits)).Tell(new GetHead(id), freshKit.TestActor);
            var head = freshKit.ExpectMsg<Head>(Wait);
            Assert.Equal((5L, "43210"), (head.Revision, head.Content.PlainText()));
            Assert.Equal(5, (await JournalOps(id, fresh.System)).Count);
        }
    }

    [Fact]
    public async Task A_fenced_write_fails_only_its_own_document_and_the_writes_in_its_insert_are_acked()
    {
        // Two incarnations of one document (as in a split brain): the first commits revision 2,
        // so the second's write of sequence number 2 hits the unique key.
        var fencedId = NewId();
        var first = Start(fencedId);
        Acked(first, Edit(fencedId, "c1", 1, 0, Delta.Empty.Insert("base ")));
        // One writer loop, so that the writes queued behind a blocked INSERT become one INSERT.
        await using var other = await Journal.StartHost("akka.persistence.journal.sql.parallelism = 1");
        var otherKit = new TestKit(other.System);
        var second = other.System.ActorOf(DocumentEntity.PropsFor(fencedId, Limits));
        second.Tell(new GetHead(fencedId), otherKit.TestActor);
        Assert.Equal(1, otherKit.ExpectMsg<Head>(Wait).Revision);
        Acked(first, Edit(fencedId, "c1", 2, 1, Delta.Empty.Insert("kept ")));

        var ids = Enumerable.Range(0, 30).Select(_ => NewId()).ToList();
        var entities = ids.Select(id => other.System.ActorOf(DocumentEntity.PropsFor(id, Limits))).ToList();
        var probe = new TestKit(other.System).CreateTestProbe();
        otherKit.Watch(second);
        await using (var blocker = new NpgsqlConnection(Journal.ConnectionString))
        {
            // The loop's first INSERT waits on this lock; every write after it queues.
            await blocker.OpenAsync();
            await using var tx = await blocker.BeginTransactionAsync();
            await new NpgsqlCommand("LOCK TABLE journal IN SHARE MODE", blocker, tx).ExecuteNonQueryAsync();
            entities[0].Tell(Edit(ids[0], "c1", 1, 0, Delta.Empty.Insert("a")), probe.Ref);
            await WaitForBlockedInserts(1);
            for (var i = 1; i < ids.Count; i++)
            {
                entities[i].Tell(Edit(ids[i], "c1", 1, 0, Delta.Empty.Insert("a")), probe.Ref);
                if (i == ids.Count / 2)
                {
                    second.Tell(Edit(fencedId, "c2", 1, 1, Delta.Empty.Insert("lost ")), otherKit.TestActor);
                }
            }
            // Each entity has sent its write to the journal once it answers a query after the
            // submit; the journal has queued them all once it answers a replay sent after them.
            foreach (var (entity, id) in entities.Zip(ids).Append((second, fencedId)))
            {
                entity.Tell(new GetHead(id), probe.Ref);
                probe.ExpectMsg<Head>(Wait);
            }
            var journalActor = Akka.Persistence.Persistence.Instance.Apply(other.System).JournalFor(null);
            journalActor.Tell(new ReplayMessages(1, 1, 1, "nobody-" + Guid.NewGuid().ToString("N"), probe.Ref));
            probe.ExpectMsg<RecoverySuccess>(Wait);
            await tx.CommitAsync();
        }

        var acks = probe.ReceiveN(ids.Count, Wait).Cast<SubmitAcked>().ToList();
        Assert.All(acks, ack => Assert.Equal(1, ack.Revision));
        otherKit.ExpectTerminated(second, Wait);
        foreach (var id in ids)
        {
            Assert.Single(await JournalOps(id));
        }
        Assert.Equal(["c1", "c1"], (await JournalOps(fencedId)).Select(o => o.ClientId));
    }

    private async Task WaitForBlockedInserts(int count)
    {
        await using var connection = new NpgsqlConnection(Journal.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var waiting = (long)(await new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO journal%'", connection).ExecuteScalarAsync())!;
            if (waiting >= count)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{waiting} INSERTs waiting on the lock, expected {count}");
            await Task.Delay(20);
        }
    }
}
