using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Event;
using Akka.Persistence;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Node.Index;
using AkkaCollab.Node.Streaming;
using AkkaCollab.Node.Telemetry;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Documents;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Node.Documents;

// The authority of one document: a thin shell around DocumentState that sequences, persists and
// fans out its ops.
//
//   recovering ──(snapshot + replay)──► running ──HandOffStop──► draining ──► snapshotting ──► stopped
//                                         │  (DeferAsync waits for              (SaveSnapshot)
//                                         │   every in-flight write)
//                                         └──persist failure (e.g. fenced by another incarnation)──► stopped, nothing acked
//
// Pipelining: a submit is decided against _sequenced (the state after every op handed to the
// journal, durable or not), which assigns its revision at once, and is written with PersistAsync
// so that the journal batches a hot document's writes. _committed only moves in the persist
// handler, where the op is acked and fanned out: handlers run in write order, so acks and
// fan-out follow revision order and never precede durability. Queries and subscribers read
// _committed, which is why neither can see an op that is not durable.
public sealed partial class DocumentEntity : ReceivePersistentActor, IWithTimers
{
    private sealed record HistoryLoaded(Submit Submit, IActorRef ReplyTo, IReadOnlyList<OpApplied> Ops, int Attempt, SubmitTrace Trace);

    // While a journal read is out, the committed window moves on; a read that no longer meets
    // the window is redone from there, a few times, before the submit is answered resync.
    private const int MaxHistoryReads = 3;

    // Loading a snapshot for a past revision; the asker's own timeout (the REST authority timeout) is shorter.
    private static readonly TimeSpan PastContentTimeout = TimeSpan.FromSeconds(10);

    private sealed record HistoryFailed(Submit Submit, IActorRef ReplyTo, string Reason, SubmitTrace Trace);

    // What sharding sends on hand-off and idle passivation (its HandOffStopMessage): snapshot,
    // then stop. Local only, never serialized.
    public sealed record HandOffStop
    {
        public static readonly HandOffStop Instance = new();
    }

    private sealed record ExpirePresenceTick
    {
        public static readonly ExpirePresenceTick Instance = new();
    }

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DocumentLimits _limits;
    private readonly HashSet<IActorRef> _subscribers = [];

    // Events handed to the journal and not yet durable, oldest first, each with the state it
    // leads to: the persist handler adopts that state instead of applying the event twice.
    // With _committed.Window they hold every op after _committed.WindowStart, which the journal
    // may not have yet.
    private readonly Queue<(object Event, DocumentState After)> _inflight = new();
    private IDocumentHistory? _history;
    private DocumentState _committed;
    private DocumentState _sequenced;
    private long _lastSnapshotRevision;

    // From construction to RecoveryCompleted: a recovery slower than this is logged (a moved
    // document is silent for that long).
    private static readonly TimeSpan SlowRecovery = TimeSpan.FromMilliseconds(250);
    private readonly long _recoveryStarted = Stopwatch.GetTimestamp();

    // index: the node's DocumentIndexWriter (none: the lists are not kept, as in most specs).
    public DocumentEntity(DocumentId id, DocumentLimits limits, IDocumentHistory? history = null, IActorRef? index = null)
    {
        PersistenceId = PersistenceIdFor(id);
        _limits = limits;
        _history = history;
        _index = index ?? ActorRefs.Nobody;
        _committed = _sequenced = DocumentState.Empty(id, limits);
        Recovering();
        Running();
    }

    public static string PersistenceIdFor(DocumentId id) => "document-" + id.Value;

    public static Props PropsFor(DocumentId id, DocumentLimits limits, IDocumentHistory? history = null, IActorRef? index = null) =>
        Props.Create(() => new DocumentEntity(id, limits, history, index));

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    private DocumentId Id => _committed.Id;

    private IDocumentHistory History => _history ??= new JournalHistory(Context.System);

    private void Recovering()
    {
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is DocumentSnapshot snapshot)
            {
                _committed = DocumentState.FromSnapshot(snapshot, _limits);
                _lastSnapshotRevision = snapshot.Revision;
            }
        });
        Recover<OpApplied>(e => _committed = _committed.Apply(e));
        Recover<AccessChanged>(e => _committed = _committed.Apply(e));
        Recover<GeneralAccessChanged>(e => _committed = _committed.Apply(e));
        Recover<TitleChanged>(e => _committed = _committed.Apply(e));
        Recover<DocumentDeleted>(e => _committed = _committed.Apply(e));
        Recover<DocumentRestored>(e => _committed = _committed.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            _sequenced = _committed;
            _committedSequenceNr = LastSequenceNr;
            IndexChanged();
            var took = Stopwatch.GetElapsedTime(_recoveryStarted);
            if (took >= SlowRecovery)
            {
                _log.Info("{0}: recovered at revision {1} in {2:F0} ms", Id, _committed.Head, took.TotalMilliseconds);
            }
            NodeTelemetry.DocumentRecoveries.Add(1);
            var every = TimeSpan.FromMilliseconds(Math.Max(50, _limits.PresenceTtl.TotalMilliseconds / 4));
            Timers.StartPeriodicTimer("presence", ExpirePresenceTick.Instance, every);
        });
    }

    private void Running()
    {
        Command<Submit>(submit => HandleSubmit(submit, Sender, older: null, attempt: 0, SubmitTrace.Begin(Id, submit)));
        Command<HistoryLoaded>(loaded => HandleSubmit(
            loaded.Submit, loaded.ReplyTo, [.. loaded.Ops, .. InMemoryOps(loaded.Ops.Count > 0 ? loaded.Ops[^1].Revision : 0)], loaded.Attempt, loaded.Trace));
        Command<HistoryFailed>(failed =>
        {
            failed.Trace.Refused(ErrorCode.Resync);
            failed.ReplyTo.Tell(Rejection(failed.Submit, ErrorCode.Resync, failed.Reason));
        });
        Command<ChangeAccess>(change => OnAccessDecision(_sequenced.Process(change)));
        Command<ChangeGeneralAccess>(change => OnAccessDecision(_sequenced.Process(change)));
        Command<Rename>(HandleRename);
        Deletion();
        Command<Subscribe>(HandleSubscribe);
        Command<SubscriberHistoryLoaded>(OnSubscriberHistory);
        Command<SubscriberHistoryFailed>(OnSubscriberHistoryFailed);
        Command<SubscribeReplyReady>(OnSubscribeReplyReady);
        Command<SubscribeReplyFailed>(OnSubscribeReplyFailed);
        Command<Unsubscribe>(u =>
        {
            _subscribers.Remove(u.Subscriber);
            Context.Unwatch(u.Subscriber);
        });
        Command<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Command<UpdatePresence>(update =>
        {
            var before = _committed.Presence.Count;
            (_committed, var changed) = _committed.UpdatePresence(update, NowMs());
            PresenceMoved(before);
            if (changed is not null)
            {
                FanOut(changed);
            }
        });
        Command<RemovePresence>(remove =>
        {
            var before = _committed.Presence.Count;
            (_committed, var removed) = _committed.RemovePresence(remove);
            PresenceMoved(before);
            if (removed is not null)
            {
                FanOut(removed);
            }
        });
        Command<ExpirePresenceTick>(_ =>
        {
            var before = _committed.Presence.Count;
            (_committed, var removed) = _committed.ExpirePresence(NowMs());
            PresenceMoved(before);
            foreach (var r in removed)
            {
                FanOut(r);
            }
        });
        Command<GetHead>(_ => LargeReply.Tell(Context.System, Sender, new Head(Id, _committed.Head, _committed.Content, _committed.Title), Self));
        Command<GetContentAt>(HandleGetContentAt);
        Command<GetOps>(HandleGetOps);
        Command<GetAccess>(query => Sender.Tell(new AccessOf(Id, query.UserId,
            _committed.LevelOf(query.UserId), !_committed.Access.ContainsKey(query.UserId), _committed.IsDeleted)));
        Command<GetAccessList>(_ => Sender.Tell(_committed.AccessSummary));
        Command<HandOffStop>(stop => DeferAsync(stop, _ =>
        {
            FlushIndex();
            SnapshotAndStop();
        }));
        Admin();
        // Every snapshot is kept, like every event: a past revision is read from the newest
        // snapshot at or below it (PastContent), so they are the history's checkpoints (one per
        // SnapshotEvery revisions, plus one per passivation that moved the head).
        Command<SaveSnapshotSuccess>(_ => SnapshotSaved());
        Command<SaveSnapshotFailure>(failure =>
        {
            SnapshotFailed(failure.Cause);
            _log.Warning(failure.Cause, "{0}: snapshot failed", Id);
        });
    }

    private void HandleSubmit(Submit submit, IActorRef replyTo, IReadOnlyList<OpApplied>? older, int attempt, SubmitTrace trace)
    {
        switch (_sequenced.Process(submit, older))
        {
            case SubmitDecision.Applied applied:
                var stamped = applied.Event with { AtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
                _sequenced = _sequenced.Apply(stamped);
                _inflight.Enqueue((stamped, _sequenced));
                trace.Persisting(stamped.Revision, _inflight.Count);
                PersistAsync(stamped, e =>
                {
                    trace.Durable();
                    // The span ends before the ack leaves, inside the gateway's span that the ack ends.
                    trace.Acked(e.Revision, duplicate: false);
                    OnDurable(e, replyTo);
                });
                break;
            case SubmitDecision.Duplicate duplicate when duplicate.Ack.Revision <= _committed.Head:
                trace.Acked(duplicate.Ack.Revision, duplicate: true);
                replyTo.Tell(duplicate.Ack);
                break;
            case SubmitDecision.Duplicate duplicate:
                // The original is still being written: answer once it is durable.
                DeferAsync(duplicate.Ack, ack =>
                {
                    trace.Acked(ack.Revision, duplicate: true);
                    replyTo.Tell(ack);
                });
                break;
            case SubmitDecision.Rejected rejected:
                // The head a client may resync to is the durable one.
                trace.Refused(rejected.Rejection.Code);
                replyTo.Tell(rejected.Rejection with { HeadRevision = _committed.Head });
                break;
            case SubmitDecision.NeedsHistory when attempt >= MaxHistoryReads:
                trace.Refused(ErrorCode.Resync);
                replyTo.Tell(Rejection(submit, ErrorCode.Resync, "baseRevision: the ops after it are no longer available"));
                break;
            case SubmitDecision.NeedsHistory needs when needs.FromRevision >= _committed.WindowStart:
                // Older than the sequencing window but still in memory (not yet durable, or durable
                // and in the committed window): no journal read, and none could see them yet.
                HandleSubmit(submit, replyTo, InMemoryOps(0), MaxHistoryReads, trace);
                break;
            case SubmitDecision.NeedsHistory needs:
                // Up to the newest durable op, so that the read meets the window even if the
                // window moves on while the read is out.
                History.ReadOps(PersistenceId, needs.FromRevision, long.MaxValue).PipeTo(
                    Self,
                    success: ops => new HistoryLoaded(submit, replyTo, ops, attempt + 1, trace),
                    failure: ex => new HistoryFailed(submit, replyTo, "journal read failed: " + ex.Message, trace));
                break;
        }
    }

    private List<OpApplied> InMemoryOps(long after) =>
        [.. _committed.Window.Where(o => o.Revision > after), .. _inflight.Select(p => p.Event).OfType<OpApplied>().Where(o => o.Revision > after)];

    private void OnDurable(OpApplied applied, IActorRef replyTo)
    {
        _committed = Adopt(applied);
        replyTo.Tell(new SubmitAcked(Id, applied.ClientId, applied.Seq, applied.Revision, Duplicate: false));
        FanOut(applied);
        IndexEdited();
        _opRate.Record(NowMs());
        if (applied.Revision % _limits.SnapshotEvery == 0)
        {
            SaveSnapshot(_committed.ToSnapshot());
            _lastSnapshotRevision = applied.Revision;
        }
    }

    // A sharing change the state decided: its events persist in order, each fanned out once
    // durable (the gateways' feeds re-check the sockets it concerns); the reply follows the last.
    private void OnAccessDecision((IReadOnlyList<IDocumentMessage> Events, AccessRefused? Refused) decision)
    {
        var replyTo = Sender;
        if (decision.Refused is { } refused)
        {
            replyTo.Tell(refused);
            return;
        }
        foreach (var e in decision.Events)
        {
            _sequenced = e switch
            {
                AccessChanged changed => _sequenced.Apply(changed),
                GeneralAccessChanged general => _sequenced.Apply(general),
                _ => throw new InvalidOperationException($"not an access event: {e.GetType().Name}"),
            };
            _inflight.Enqueue((e, _sequenced));
        }
        var last = decision.Events[^1];
        PersistAllAsync(decision.Events, e =>
        {
            _committed = Adopt(e);
            FanOut(e);
            if (ReferenceEquals(e, last))
            {
                IndexChanged();
                replyTo.Tell(_committed.AccessSummary);
            }
        });
    }

    // A rename the state decided: persisted in order with the ops, fanned out once durable, and
    // answered then. A rename to the title it already has persists nothing.
    private void HandleRename(Rename rename)
    {
        var replyTo = Sender;
        switch (_sequenced.Process(rename))
        {
            case (_, { } refused):
                replyTo.Tell(refused);
                break;
            case ({ } decided, _):
                var changed = decided with { AtMs = NowMs() };
                PersistDecided(changed, _sequenced.Apply(changed), replyTo, e => new TitleOf(Id, e.Title));
                break;
            default:
                // Unchanged; answered after whatever is being written, so the answer is durable too.
                DeferAsync(new TitleOf(Id, _sequenced.Title), replyTo.Tell);
                break;
        }
    }

    // One event the state decided (a rename, a deletion), leading to after: persisted in order
    // with the ops, fanned out once durable, the index told, and answered then.
    private void PersistDecided<TEvent>(TEvent decided, DocumentState after, IActorRef replyTo, Func<TEvent, object> answer)
        where TEvent : class
    {
        _sequenced = after;
        _inflight.Enqueue((decided, after));
        PersistAsync(decided, e =>
        {
            _committed = Adopt(e);
            FanOut(e);
            IndexChanged();
            replyTo.Tell(answer(e));
        });
    }

    // The state after the oldest in-flight event, which just became durable. Presence lives in
    // _committed only (it is not sequenced), so it is carried over and moved through the op.
    private DocumentState Adopt(object durable)
    {
        var (pending, after) = _inflight.Dequeue();
        if (!ReferenceEquals(pending, durable) && !pending.Equals(durable))
        {
            throw new InvalidOperationException($"{Id}: persist handlers out of order");
        }
        _committedSequenceNr++;
        return after.WithPresence(_committed, (durable as OpApplied)?.Delta);
    }

    private void HandleGetContentAt(GetContentAt query)
    {
        if (query.Revision < 0 || query.Revision > _committed.Head)
        {
            Sender.Tell(new QueryRejected(Id, ErrorCode.BadRevision, $"revision: must be between 0 and the head {_committed.Head}, got {query.Revision}"));
            return;
        }
        if (query.Revision == _committed.Head)
        {
            LargeReply.Tell(Context.System, Sender, new ContentAt(Id, query.Revision, _committed.Content), Self);
            return;
        }
        LargeReply.PipeTo(Context.System, PastContent(SnapshotStore, History, PersistenceId, Id, query.Revision), Sender, Self);
    }

    // A past revision: the newest snapshot at or below it, then only the ops after that snapshot,
    // applied through the rope (O(log n) an op), instead of composing every op from revision 1 as
    // Deltas. Runs off the actor: everything it needs is passed in. A snapshot whose sequence
    // number is at most the revision has a revision at most that (an op takes one sequence
    // number, and access changes take more); a failed snapshot read falls back to revision 0.
    private static async Task<object> PastContent(IActorRef snapshots, IDocumentHistory history, string persistenceId, DocumentId id, long revision)
    {
        try
        {
            var (from, doc) = (0L, RichTextDocument.Empty);
            var loaded = await snapshots.Ask<object>(new LoadSnapshot(persistenceId, new SnapshotSelectionCriteria(revision), long.MaxValue), PastContentTimeout);
            if (loaded is LoadSnapshotResult { Snapshot.Snapshot: DocumentSnapshot snapshot } && snapshot.Revision <= revision)
            {
                (from, doc) = (snapshot.Revision, RichTextDocument.FromDelta(snapshot.Content));
            }
            if (from < revision)
            {
                var ops = await history.ReadOps(persistenceId, from + 1, revision);
                if (ops.Count != revision - from)
                {
                    return new QueryRejected(id, ErrorCode.Resync, $"journal holds {ops.Count} of the {revision - from} ops after revision {from}");
                }
                foreach (var op in ops)
                {
                    doc = doc.Apply(op.Delta);
                }
            }
            return new ContentAt(id, revision, doc.ToDelta());
        }
        catch (Exception e)
        {
            return new QueryRejected(id, ErrorCode.Resync, "history read failed: " + e.GetBaseException().Message);
        }
    }

    private void HandleGetOps(GetOps query)
    {
        if (query.FromRevision < 1 || query.ToRevision < query.FromRevision - 1)
        {
            Sender.Tell(new QueryRejected(Id, ErrorCode.BadRevision, $"revisions: need 1 <= from <= to + 1, got {query.FromRevision}..{query.ToRevision}"));
            return;
        }
        var to = Math.Min(query.ToRevision, _committed.Head);
        if (_committed.OpsBetween(query.FromRevision, to) is { } ops)
        {
            LargeReply.Tell(Context.System, Sender, new Ops(Id, [.. ops]), Self);
            return;
        }
        var id = Id;
        LargeReply.PipeTo(Context.System, History.ReadOps(PersistenceId, query.FromRevision, to).ContinueWith<object>(read => read.IsCompletedSuccessfully
            ? new Ops(id, [.. read.Result])
            : new QueryRejected(id, ErrorCode.Resync, "journal read failed: " + read.Exception?.GetBaseException().Message), TaskScheduler.Default),
            Sender, Self);
    }

    private void SnapshotAndStop()
    {
        if (_committed.Head <= _lastSnapshotRevision)
        {
            Context.Stop(Self);
            return;
        }
        SaveSnapshot(_committed.ToSnapshot());
        Become(() =>
        {
            Command<SaveSnapshotSuccess>(_ =>
            {
                SnapshotSaved();
                Context.Stop(Self);
            });
            Command<SaveSnapshotFailure>(failure =>
            {
                SnapshotFailed(failure.Cause);
                _log.Warning(failure.Cause, "{0}: snapshot on passivation failed; recovery will replay", Id);
                Context.Stop(Self);
            });
            // Sharding buffers messages for a passivating entity; anything else waits here and
            // is retried by its sender (submits are idempotent).
            CommandAny(_ => Stash.Stash());
        });
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Typically another incarnation already wrote this sequence number (split brain): this
        // one stops without acking; its clients resubscribe to the surviving incarnation.
        _log.Error(cause, "{0}: journal write of seq {1} failed; stopping without acking", Id, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // _sequenced already counts this event: continuing would skip a revision. Stop instead.
        _log.Error(cause, "{0}: journal rejected seq {1}; stopping", Id, sequenceNr);
        Context.Stop(Self);
    }

    private void FanOut(object message)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(message);
        }
    }

    private SubmitRejected Rejection(Submit submit, ErrorCode code, string reason) =>
        new(Id, submit.ClientId, submit.Seq, code, reason, _committed.Head);

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

// Registry key of the document shard region (or proxy, on a node without the doc role).
public sealed class DocumentRegion;

public static class DocumentEntityHosting
{
    // Shards by a hash of the document id alone, never by organisation: a hot organisation's
    // documents spread over every shard instead of melting one.
    public static IMessageExtractor MessageExtractor(int shardCount) =>
        HashCodeMessageExtractor.Create(shardCount, message => message is IWithDocumentId m ? m.DocumentId.Value : null!);

    public static AkkaConfigurationBuilder WithDocumentShards(this AkkaConfigurationBuilder builder, Hosting.AkkaCollabNodeOptions options)
    {
        var extractor = MessageExtractor(options.ShardCount);
        if (!options.Roles.Contains(Hosting.AkkaCollabNodeOptions.DocRole))
        {
            return builder.WithShardRegionProxy<DocumentRegion>("document", Hosting.AkkaCollabNodeOptions.DocRole, extractor);
        }
        var limits = options.Document;
        return builder.WithShardRegion<DocumentRegion>(
            "document",
            (system, registry, resolver) =>
            {
                // The node's index writer, beside the documents it hosts (Index/DocumentIndexWriter).
                var store = resolver.GetService<DocumentIndexStore>() ?? new DocumentIndexStore(options);
                var index = system.ActorOf(DocumentIndexWriter.PropsFor(store), "document-index");
                registry.Register<DocumentIndexWriter>(index);
                return entityId => DocumentEntity.PropsFor(DocumentId.Parse(entityId), limits, index: index);
            },
            extractor,
            new ShardOptions
            {
                Role = Hosting.AkkaCollabNodeOptions.DocRole,
                RememberEntities = false,
                PassivateIdleEntityAfter = options.PassivateIdleAfter,
                HandOffStopMessage = DocumentEntity.HandOffStop.Instance,
            });
    }
}
