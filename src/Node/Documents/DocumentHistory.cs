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
    // Revisions only move on OpApplied, so an op's sequence number is >= its revision: starting
    // at fromRevision never misses one. The first read stops at toRevision plus a margin for
    // access changes (their sequence numbers): a short range (revision 1 of a long document)
    // reads a few rows instead of a whole page of the journal; when access changes took more
    // sequence numbers than the margin, the rest is read in a second, open-ended pass.
    private const long AccessEventMargin = 64;

    public async Task<IReadOnlyList<OpApplied>> ReadOps(string persistenceId, long fromRevision, long toRevision)
    {
        var reads = system.WithExtension<JournalReads, JournalReadsProvider>();
        var first = Math.Max(1, fromRevision);
        var bounded = toRevision > long.MaxValue - AccessEventMargin ? long.MaxValue : toRevision + AccessEventMargin;
        var ops = await Read(reads, persistenceId, first, bounded, fromRevision, toRevision);
        var last = ops.Count > 0 ? ops[^1].Revision : fromRevision - 1;
        if (last < toRevision && bounded != long.MaxValue)
        {
            ops = [.. ops, .. await Read(reads, persistenceId, bounded + 1, long.MaxValue, last + 1, toRevision)];
        }
        return ops;
    }

    private static async Task<IReadOnlyList<OpApplied>> Read(JournalReads reads, string persistenceId, long fromSequenceNr, long toSequenceNr, long fromRevision, long toRevision) =>
        await reads.Journal
            .CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr)
            .Where(e => e.Event is OpApplied)
            .Select(e => (OpApplied)e.Event)
            .Where(op => op.Revision >= fromRevision)
            .TakeWhile(op => op.Revision <= toRevision)
            .RunWith(Sink.Seq<OpApplied>(), reads.Materializer);
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
