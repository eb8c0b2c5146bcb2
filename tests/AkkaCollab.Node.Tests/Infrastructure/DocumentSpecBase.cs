using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Node.Tests.Infrastructure;

// Base of the specs that run once per database: a fresh actor system per test on the fixture's
// journal, and helpers to drive one entity.
public abstract class DocumentSpecBase<TJournal>(TJournal journal) : IClassFixture<TJournal>, IAsyncLifetime
    where TJournal : JournalFixture
{
    protected TJournal Journal { get; } = journal;

    protected TestHost Host { get; private set; } = null!;

    protected TestKit Kit { get; private set; } = null!;

    protected static DocumentLimits Limits { get; } = new() { SnapshotEvery = 50, WindowSize = 20 };

    public async Task InitializeAsync()
    {
        Host = await Journal.StartHost();
        Kit = new TestKit(Host.System);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected static DocumentId NewId() => DocumentId.Parse("doc-" + Guid.NewGuid().ToString("N"));

    protected IActorRef Start(DocumentId id, DocumentLimits? limits = null) =>
        Host.System.ActorOf(DocumentEntity.PropsFor(id, limits ?? Limits));

    protected static Submit Edit(DocumentId id, string client, long seq, long baseRevision, Delta delta, string user = "alice") =>
        new(id, client, seq, baseRevision, delta, user);

    protected SubmitAcked Acked(IActorRef entity, Submit submit, TestProbe? probe = null)
    {
        probe ??= Kit.CreateTestProbe();
        entity.Tell(submit, probe.Ref);
        return probe.ExpectMsg<SubmitAcked>(TimeSpan.FromSeconds(10));
    }

    protected SubmitRejected Rejected(IActorRef entity, Submit submit)
    {
        var probe = Kit.CreateTestProbe();
        entity.Tell(submit, probe.Ref);
        return probe.ExpectMsg<SubmitRejected>(TimeSpan.FromSeconds(10));
    }

    protected Head HeadOf(IActorRef entity, DocumentId id)
    {
        var probe = Kit.CreateTestProbe();
        entity.Tell(new GetHead(id), probe.Ref);
        return probe.ExpectMsg<Head>(TimeSpan.FromSeconds(10));
    }

    // Every op in the journal for the document, read through the read journal (not the entity).
    protected async Task<IReadOnlyList<OpApplied>> JournalOps(DocumentId id, ActorSystem? system = null) =>
        await new JournalHistory(system ?? Host.System).ReadOps(DocumentEntity.PersistenceIdFor(id), 1, long.MaxValue);

    protected async Task StopAndWait(IActorRef entity, DocumentId id)
    {
        var watcher = Kit.CreateTestProbe();
        watcher.Watch(entity);
        entity.Tell(DocumentEntity.HandOffStop.Instance);
        watcher.ExpectTerminated(entity, TimeSpan.FromSeconds(10));
        await Task.Yield();
    }
}
