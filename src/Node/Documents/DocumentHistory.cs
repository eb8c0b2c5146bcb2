using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// Reads a document's past ops from the journal: for submits based before the in-memory window,
// for subscribers catching up from behind it, and for the history queries. Never on the fan-out path.
public interface IDocumentHistory
{
    // The ops with from <= revision <= to that are durable, in revision order.
    Task<IReadOnlyList<OpApplied>> ReadOps(string persistenceId, long fromRevision, long toRevision);
}

// IDocumentHistory over the Akka.Persistence.Sql read journal.
public sealed class JournalHistory(ActorSystem system) : IDocumentHistory
{
    public async Task<IReadOnlyList<OpApplied>> ReadOps(string persistenceId, long fromRevision, long toRevision)
    {
        var reads = system.WithExtension<JournalReads, JournalReadsProvider>();
        // Revisions only move on OpApplied, so an op's sequence number is >= its revision:
        // starting at fromRevision never misses one.
        var ops = await reads.Journal
            .CurrentEventsByPersistenceId(persistenceId, Math.Max(1, fromRevision), long.MaxValue)
            .Where(e => e.Event is OpApplied)
            .Select(e => (OpApplied)e.Event)
            .Where(op => op.Revision >= fromRevision)
            .TakeWhile(op => op.Revision <= toRevision)
            .RunWith(Sink.Seq<OpApplied>(), reads.Materializer);
        return ops;
    }
}

// One read journal and one materializer per actor system for every history read:
// ActorSystem.Materializer() makes a new materializer (and its supervisor actor) per call, and
// nothing would shut those down. These stop with the actor system.
internal sealed class JournalReads(ExtendedActorSystem system) : IExtension
{
    public SqlReadJournal Journal { get; } = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    public IMaterializer Materializer { get; } = system.Materializer(namePrefix: "document-history");
}

internal sealed class JournalReadsProvider : ExtensionIdProvider<JournalReads>
{
    public override JournalReads CreateExtension(ExtendedActorSystem system) => new(system);
}
