using Akka.Actor;
using AkkaCollab.Node.Documents.Messages;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// Deletion and the documents' lists. A delete or restore is decided by the state in one step
// and persisted like a rename. After every durable change the lists show, the authority tells
// its node's index writer the document's whole entry: at once for a rename, a sharing change, a
// delete or a restore, and for edits at most once per IndexEvery (a typing burst is one write).
// On start it tells it again, so that a crash between a persist and the index write heals the
// next time the document starts.
public sealed partial class DocumentEntity
{
    // Lists sorted by last edit may lag an edit by this much. At 1 s, an ordinary load (100
    // documents being edited) spent about a tenth of the server's CPU on index writes (docs/benchmarks.md).
    private static readonly TimeSpan IndexEvery = TimeSpan.FromSeconds(5);

    private sealed record IndexTick
    {
        public static readonly IndexTick Instance = new();
    }

    private const string IndexTimer = "index";

    private readonly IActorRef _index;

    // The journal sequence number of the newest durable event (LastSequenceNr also counts the
    // events still being written), which orders this document's index entries.
    private long _committedSequenceNr;

    private void Deletion()
    {
        Command<DeleteDocument>(delete =>
        {
            var (deleted, refused) = _sequenced.Process(delete, NowMs());
            OnDeletionDecision(deleted, refused);
        });
        Command<RestoreDocument>(restore =>
        {
            var (restored, refused) = _sequenced.Process(restore, NowMs());
            OnDeletionDecision(restored, refused);
        });
        Command<IndexTick>(_ => IndexChanged());
    }

    private void OnDeletionDecision(IDocumentMessage? change, DeletionRefused? refused)
    {
        var replyTo = Sender;
        if (refused is not null)
        {
            replyTo.Tell(refused);
            return;
        }
        if (change is null)
        {
            // Already so; answered after whatever is being written, so the answer is durable too.
            DeferAsync(new DeletionOf(Id, _sequenced.DeletedAtMs), replyTo.Tell);
            return;
        }
        var after = change switch
        {
            DocumentDeleted deleted => _sequenced.Apply(deleted),
            DocumentRestored restored => _sequenced.Apply(restored),
            _ => throw new InvalidOperationException($"not a deletion event: {change.GetType().Name}"),
        };
        PersistDecided(change, after, replyTo, _ => new DeletionOf(Id, _committed.DeletedAtMs));
    }

    // An edit: the entry goes out within IndexEvery, once for all the edits meanwhile.
    private void IndexEdited()
    {
        if (!Timers.IsTimerActive(IndexTimer))
        {
            Timers.StartSingleTimer(IndexTimer, IndexTick.Instance, IndexEvery);
        }
    }

    private void IndexChanged()
    {
        Timers.Cancel(IndexTimer);
        if (_committed.Exists)
        {
            _index.Tell(_committed.ToIndexEntry(_committedSequenceNr));
        }
    }

    // Before stopping: an edit whose entry is still waiting for the timer is not left out.
    private void FlushIndex()
    {
        if (Timers.IsTimerActive(IndexTimer))
        {
            IndexChanged();
        }
    }
}
