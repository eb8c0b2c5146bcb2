using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Node.Tests.Documents;

// Nothing is acked, broadcast or readable before the journal says it is durable.
public sealed class DurabilitySpecs() : TestKit(GatedJournal.Config)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void No_ack_fan_out_or_read_of_an_op_until_its_write_is_durable()
    {
        var id = DocumentId.Parse("gated-doc");
        var entity = Sys.ActorOf(DocumentEntity.PropsFor(id, new DocumentLimits()));
        var subscriber = CreateTestProbe();
        entity.Tell(new Subscribe(id, subscriber.Ref, "alice", null));
        subscriber.ExpectMsg<Subscribed>(Wait);
        var submitter = CreateTestProbe();

        entity.Tell(new Submit(id, "c1", 1, 0, Delta.Empty.Insert("a"), "alice"), submitter.Ref);
        entity.Tell(new Submit(id, "c2", 1, 0, Delta.Empty.Insert("b"), "alice"), submitter.Ref);
        entity.Tell(new Submit(id, "c1", 1, 0, Delta.Empty.Insert("a"), "alice"), submitter.Ref);
        entity.Tell(new GetHead(id), TestActor);

        Assert.Equal(0, ExpectMsg<Head>(Wait).Revision);
        submitter.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        subscriber.ExpectNoMsg(TimeSpan.Zero);

        Persistence.Instance.Apply(Sys).JournalFor(null).Tell(GatedJournal.Release.Instance);

        var acks = submitter.ReceiveN(3, Wait).Cast<SubmitAcked>().ToList();
        Assert.Equal([(1L, false), (2L, false), (1L, true)], acks.Select(a => (a.Revision, a.Duplicate)));
        Assert.Equal([1L, 2L], new[] { subscriber.ExpectMsg<OpApplied>(Wait), subscriber.ExpectMsg<OpApplied>(Wait) }.Select(o => o.Revision));
        entity.Tell(new GetHead(id), TestActor);
        Assert.Equal(2, ExpectMsg<Head>(Wait).Revision);
    }
}
