using Akka.Actor;
using Akka.Event;
using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Documents;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Configuration;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Gateway.Feeds;

/// The one subscription of this node to one document's authority, fanned out to the node's
/// connections. It keeps the content at its revision and a window of encoded ops, so that a
/// connection subscribing with or without from=N is served here, and the authority only when
/// the window does not reach back far enough. Never the database.
///
///   joining ──Subscribed──► live ──op with a gap──► asks GetOps(missing), holds later ops
///      ▲                     │
///      └── authority Terminated (hand-off, node down) / gap fetch failed: resubscribe from _rev
///
/// Invariant: connections receive ops in revision order, each exactly once, starting right
/// after what their replay or snapshot covered.
public sealed partial class DocumentFeed : ReceiveActor, IWithTimers
{
    /// The user the feed subscribes as: the authority serves it without a read check, because
    /// each connection is authorized (GetAccess) before it attaches and re-checked on AccessChanged.
    public const string FeedUser = GatewayFeedUser;

    private sealed record Retry;

    private sealed record GapFilled(IReadOnlyList<OpApplied> Ops);

    private sealed record GapFailed(string Reason);

    private sealed record HistoryLoaded(FeedMessages.Attach Attach, IReadOnlyList<OpApplied> Ops);

    private sealed record HistoryFailed(FeedMessages.Attach Attach);

    private sealed record Waiting(FeedMessages.Attach Attach, long DeadlineMs);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _doc;
    private readonly DocumentId _id;
    private readonly IActorRef _region;
    private readonly WebSettings _settings;
    private readonly GatewayMetrics _metrics;
    private readonly HashSet<IActorRef> _connections = [];
    private readonly List<Waiting> _waiting = [];
    private readonly LinkedList<FeedMessages.Op> _window = new();
    private readonly SortedDictionary<long, OpApplied> _ahead = new();
    private readonly Dictionary<string, PresenceChanged> _presence = new(StringComparer.Ordinal);
    private RichTextDocument _content = RichTextDocument.Empty;
    private long _rev = -1;
    private bool _gapRequested;
    private IActorRef? _authority;

    public DocumentFeed(string doc, IActorRef region, WebSettings settings, GatewayMetrics metrics)
    {
        _doc = doc;
        _id = DocumentId.Parse(doc);
        _region = region;
        _settings = settings;
        _metrics = metrics;

        Receive<FeedMessages.Attach>(attach =>
        {
            Context.Watch(attach.Connection);
            _waiting.Add(new Waiting(attach, NowMs() + (long)_settings.AuthorityTimeout.TotalMilliseconds));
            ServeWaiting();
        });
        Receive<FeedMessages.Detach>(detach => Forget(detach.Connection));
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_authority) && CoordinatedShutdown.Get(Context.System).ShutdownReason is not null)
            {
                _authority = null; // the node is leaving: its shards are handing off, nothing to follow
            }
            else if (t.ActorRef.Equals(_authority))
            {
                _log.Info("{0}: authority {1} terminated; resubscribing from {2}", _doc, t.ActorRef.Path, _rev);
                _authority = null;
                SubscribeToAuthority();
            }
            else
            {
                Forget(t.ActorRef);
            }
        });
        Receive<Subscribed>(OnSubscribed);
        Receive<SubscribeRejected>(rejected =>
        {
            foreach (var c in _connections.Concat(_waiting.Select(w => w.Attach.Connection)))
            {
                c.Tell(new FeedMessages.Rejected(_doc, rejected.Code, rejected.Reason));
            }
            _connections.Clear();
            _waiting.Clear();
        });
        Receive<OpApplied>(OnOp);
        Receive<AccessChanged>(changed =>
        {
            var message = new FeedMessages.AccessChanged(_doc, changed.UserId);
            foreach (var c in _connections.Concat(_waiting.Select(w => w.Attach.Connection)))
            {
                c.Tell(message);
            }
        });
        Receive<PresenceChanged>(p =>
        {
            _presence[p.ClientId] = p;
            Broadcast(PresenceFrame(p));
        });
        Receive<PresenceRemoved>(p =>
        {
            var user = _presence.Remove(p.ClientId, out var last) ? last.UserId : "";
            Broadcast(new FeedMessages.Presence(_doc, p.ClientId,
                WireWriter.Encode(new ServerMessages.Presence(_doc, p.ClientId, user, Math.Max(0, _rev), null))));
        });
        Receive<GapFilled>(filled =>
        {
            _gapRequested = false;
            foreach (var op in filled.Ops)
            {
                OnOp(op);
            }
            RequestGapIfAny();
        });
        Receive<GapFailed>(failed =>
        {
            _gapRequested = false;
            _log.Warning("{0}: fetching missing revisions failed ({1}); resubscribing from {2}", _doc, failed.Reason, _rev);
            SubscribeToAuthority();
        });
        Receive<HistoryLoaded>(loaded => ServeFromHistory(loaded.Attach, loaded.Ops));
        Receive<HistoryFailed>(failed => ServeSnapshot(failed.Attach));
        Receive<Retry>(_ =>
        {
            if (_rev < 0 || _authority is null)
            {
                SubscribeToAuthority();
            }
            ServeWaiting();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(string doc, IActorRef region, WebSettings settings, GatewayMetrics metrics) =>
        Props.Create(() => new DocumentFeed(doc, region, settings, metrics));

    protected override void PreStart()
    {
        _metrics.FeedStarted();
        SubscribeToAuthority();
        Timers.StartPeriodicTimer("retry", new Retry(), _settings.AuthorityTimeout);
    }

    protected override void PostStop()
    {
        _region.Tell(new Unsubscribe(_id, Self));
        foreach (var c in _connections.Concat(_waiting.Select(w => w.Attach.Connection)))
        {
            c.Tell(new FeedMessages.Rejected(_doc, ErrorCode.Unavailable, "the document feed stopped; subscribe again"));
        }
        _metrics.FeedStopped();
    }

    private void SubscribeToAuthority() =>
        _region.Tell(new Subscribe(_id, Self, FeedUser, _rev >= 0 ? _rev : null));

    private void OnSubscribed(Subscribed subscribed)
    {
        if (!Sender.Equals(_authority))
        {
            if (_authority is not null)
            {
                Context.Unwatch(_authority);
            }
            _authority = Sender;
            Context.Watch(_authority);
        }
        if (subscribed.Content is not null)
        {
            // A first subscription, or the authority no longer has the ops after _rev: restart
            // every connection's view at the authority's head.
            var reset = _rev >= 0 && subscribed.HeadRevision != _rev;
            _content = RichTextDocument.FromDelta(subscribed.Content);
            if (_rev < 0 || reset)
            {
                _rev = subscribed.HeadRevision;
                _window.Clear();
                _ahead.Clear();
                if (reset)
                {
                    var snapshot = SnapshotFrame();
                    foreach (var c in _connections)
                    {
                        c.Tell(snapshot);
                    }
                }
            }
        }
        else
        {
            foreach (var op in subscribed.Ops)
            {
                OnOp(op);
            }
        }
        _presence.Clear();
        foreach (var p in subscribed.Presence)
        {
            _presence[p.ClientId] = p;
        }
        DrainAhead();
        ServeWaiting();
    }

    private void OnOp(OpApplied op)
    {
        if (_rev < 0 || op.Revision > _rev + 1)
        {
            if (op.Revision > _rev)
            {
                _ahead[op.Revision] = op;
            }
            RequestGapIfAny();
            return;
        }
        if (op.Revision <= _rev)
        {
            return; // already applied: a replay overlapping live delivery
        }
        Apply(op);
        DrainAhead();
        ServeWaiting();
    }

    private void Apply(OpApplied op)
    {
        _content = _content.Apply(op.Delta);
        _rev = op.Revision;
        var frame = new FeedMessages.Op(_doc, op.Revision, op.ClientId, op.Seq,
            WireWriter.Encode(new ServerMessages.Op(_doc, op.Revision, op.ClientId, op.Seq, op.UserId, op.Delta)));
        _window.AddLast(frame);
        while (_window.Count > _settings.FeedWindow)
        {
            _window.RemoveFirst();
        }
        foreach (var c in _connections)
        {
            c.Tell(frame);
        }
    }

    private void DrainAhead()
    {
        while (_rev >= 0 && _ahead.Count > 0)
        {
            var first = _ahead.First();
            if (first.Key <= _rev)
            {
                _ahead.Remove(first.Key);
                continue;
            }
            if (first.Key != _rev + 1)
            {
                break;
            }
            _ahead.Remove(first.Key);
            Apply(first.Value);
        }
    }

    private void RequestGapIfAny()
    {
        if (_gapRequested || _rev < 0 || _ahead.Count == 0)
        {
            return;
        }
        _gapRequested = true;
        var from = _rev + 1;
        var to = _ahead.First().Key - 1;
        _region.Ask<object>(new GetOps(_id, from, to), _settings.AuthorityTimeout).PipeTo(Self,
            success: reply => reply is Ops ops ? new GapFilled(ops.Items) : new GapFailed($"GetOps answered {reply.GetType().Name}"),
            failure: ex => new GapFailed(ex.Message));
    }

    private void Forget(IActorRef connection)
    {
        _connections.Remove(connection);
        _waiting.RemoveAll(w => w.Attach.Connection.Equals(connection));
        Context.Unwatch(connection);
    }

    private void Broadcast(object message)
    {
        foreach (var c in _connections)
        {
            c.Tell(message);
        }
    }

    private FeedMessages.Snapshot SnapshotFrame() =>
        new(_doc, _rev, WireWriter.Encode(new ServerMessages.Snapshot(_doc, _rev, _content.ToDelta())));

    private FeedMessages.Presence PresenceFrame(PresenceChanged p) =>
        new(_doc, p.ClientId, WireWriter.Encode(new ServerMessages.Presence(_doc, p.ClientId, p.UserId, p.Revision,
            new CursorRange(p.Index, p.Length))));

    private static long NowMs() => Environment.TickCount64;
}
