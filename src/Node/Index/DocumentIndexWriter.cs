using Akka.Actor;
using Akka.Event;
using AkkaCollab.Node.Documents;

namespace AkkaCollab.Node.Index;

// One per node that hosts documents: writes the entries its authorities send into the
// DocumentIndexStore, one write at a time. Entries that arrive while a write is out wait, and
// only the newest per document is kept; the next write takes every waiting entry in one
// transaction, so a busy node commits once per round, not once per document or per entry. A
// failed write is retried (with the newest entries) after RetryAfter; an entry lost with the
// node is sent again when its document next starts.
public sealed class DocumentIndexWriter : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    // Published on the EventStream after each write: Changed false when the store already had
    // this revision or a newer one (the revision guard).
    public sealed record Written(DocumentId DocumentId, long Revision, bool Changed);

    private sealed record WriteDone(IReadOnlyList<DocumentIndexEntry> Entries, IReadOnlyList<bool> Changed);

    private sealed record WriteFailed(IReadOnlyList<DocumentIndexEntry> Entries, Exception Cause);

    private sealed record Retry
    {
        public static readonly Retry Instance = new();
    }

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DocumentIndexStore _store;
    private readonly Dictionary<DocumentId, DocumentIndexEntry> _waiting = [];
    private bool _writing;

    public DocumentIndexWriter(DocumentIndexStore store)
    {
        _store = store;
        Receive<DocumentIndexEntry>(entry =>
        {
            Wait(entry);
            WriteNext();
        });
        Receive<WriteDone>(done =>
        {
            _writing = false;
            for (var i = 0; i < done.Entries.Count; i++)
            {
                Context.System.EventStream.Publish(new Written(done.Entries[i].DocumentId, done.Entries[i].Revision, done.Changed[i]));
            }
            WriteNext();
        });
        Receive<WriteFailed>(failed =>
        {
            _writing = false;
            _log.Warning("index write of {0} entries ({1} at revision {2}, ...) failed ({3}); retrying in {4}", failed.Entries.Count,
                failed.Entries[0].DocumentId, failed.Entries[0].Revision, failed.Cause.GetBaseException().Message, RetryAfter);
            foreach (var entry in failed.Entries)
            {
                Wait(entry);
            }
            Timers.StartSingleTimer("retry", Retry.Instance, RetryAfter);
        });
        Receive<Retry>(_ => WriteNext());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(DocumentIndexStore store) => Props.Create(() => new DocumentIndexWriter(store));

    private void Wait(DocumentIndexEntry entry)
    {
        if (!_waiting.TryGetValue(entry.DocumentId, out var known) || known.Revision < entry.Revision)
        {
            _waiting[entry.DocumentId] = entry;
        }
    }

    private void WriteNext()
    {
        if (_writing || Timers.IsTimerActive("retry") || _waiting.Count == 0)
        {
            return;
        }
        var entries = _waiting.Values.ToList();
        _waiting.Clear();
        _writing = true;
        _store.Write(entries).PipeTo(Self, success: changed => new WriteDone(entries, changed), failure: e => new WriteFailed(entries, e));
    }
}
