using Akka.TestKit.Xunit2;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Node.Tests.Documents;

// Two incarnations of one document (two actor systems on one journal, as in a split brain).
// The journal's unique (persistence_id, sequence_number) key lets only one commit a revision.
public sealed class FencingPostgresSpecs(PostgresJournalFixture journal) : DocumentSpecBase<PostgresJournalFixture>(journal)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Second_incarnation_cannot_commit_a_taken_revision_stops_without_acking_and_no_acked_op_is_lost()
    {
        var id = NewId();
        var first = Start(id);
        Acked(first, Edit(id, "c1", 1, 0, Delta.Empty.Insert("base ")));
        await using var other = await Journal.StartHost();
        var (second, otherKit) = SecondIncarnation(other, id);

        // Both believe they are the authority at revision 1. The first commits revision 2...
        var kept = Acked(first, Edit(id, "c1", 2, 1, Delta.Empty.Insert("kept ")));
        // ...so the second's write of sequence number 2 hits the unique key.
        otherKit.Watch(second);
        second.Tell(Edit(id, "c2", 1, 1, Delta.Empty.Insert("lost ")), otherKit.TestActor);

        otherKit.ExpectTerminated(second, Wait);
        otherKit.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        var ops = await JournalOps(id);
        Assert.Equal([(1L, "c1", 1L), (2L, "c1", 2L)], ops.Select(o => (o.Revision, o.ClientId, o.Seq)));
        Assert.Equal(2, kept.Revision);
        // The surviving incarnation goes on; a fresh one recovers everything acked.
        Assert.Equal(3, Acked(first, Edit(id, "c1", 3, 2, Delta.Empty.Insert("more"))).Revision);
        var recovered = other.System.ActorOf(DocumentEntity.PropsFor(id, Limits));
        recovered.Tell(new GetHead(id), otherKit.TestActor);
        var head = otherKit.ExpectMsg<Head>(Wait);
        Assert.Equal((3L, "morekept base "), (head.Revision, head.Content.PlainText()));
    }

    [Fact]
    public async Task Pipelined_writes_of_a_fenced_incarnation_are_never_acked()
    {
        var id = NewId();
        var first = Start(id);
        Acked(first, Edit(id, "c1", 1, 0, Delta.Empty.Insert("x")));
        await using var other = await Journal.StartHost();
        var (second, otherKit) = SecondIncarnation(other, id);
        var probe = Kit.CreateTestProbe();
        for (var i = 0; i < 20; i++)
        {
            first.Tell(Edit(id, $"a{i}", 1, 1, Delta.Empty.Insert("a")), probe.Ref);
        }
        var acked = probe.ReceiveN(20, Wait).Cast<SubmitAcked>().ToList();

        otherKit.Watch(second);
        for (var i = 0; i < 20; i++)
        {
            second.Tell(Edit(id, $"b{i}", 1, 1, Delta.Empty.Insert("b")), otherKit.TestActor);
        }

        otherKit.ExpectTerminated(second, Wait);
        otherKit.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        var ops = await JournalOps(id);
        Assert.DoesNotContain(ops, o => o.ClientId.StartsWith('b'));
        foreach (var ack in acked)
        {
            Assert.Equal(ack.ClientId, ops[(int)ack.Revision - 1].ClientId);
        }
    }

    // The same document started in another actor system, recovered to revision 1 like the first.
    private static (Akka.Actor.IActorRef Entity, TestKit Kit) SecondIncarnation(TestHost other, DocumentId id)
    {
        var kit = new TestKit(other.System);
        var entity = other.System.ActorOf(DocumentEntity.PropsFor(id, Limits));
        entity.Tell(new GetHead(id), kit.TestActor);
        Assert.Equal(1, kit.ExpectMsg<Head>(Wait).Revision);
        return (entity, kit);
    }
}
