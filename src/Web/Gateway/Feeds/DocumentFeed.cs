using AkkaCollab.Web.Telemetry;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Streaming;
using AkkaCollab.Protocol;
using AkkaCollab.Web.Configuration;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Gateway.Feeds;

/// The one subscription of this node to one document's authority, fanned out to the node's
/// connections: a thin shell that feeds FeedState its inputs and carries out its effects. The
/// state keeps the content at its revision and a window of encoded ops, so that a connection
/// attaching with or without from=N is served here, and the authority only when the window does
/// not reach back far enough. Never the database.
///
///               Subscribed(content)                op after a missing range: FetchGap
///     Joining ──────────────────────► Live ───────────────────────────────────► CatchingUp
///      │  ▲                            ▲ │ ◄──────── GapFilled: the gap closed ──────┘  │
///      └──┘ Tick, AuthorityLost:       │ │                                              │ GapFailed, or GapFilled
///           Subscribe() again          │ │ AuthorityLost (also from CatchingUp)         │ with nothing new
///                  Subscribed(ops      │ ▼                                              │
///                  after Rev)      Resubscribing ◄──────────────────────────────────────┘
///                                      │  ▲  Tick: Subscribe(from Rev) again (a node that is
///                                      └──┘  leaving resubscribes on the Tick only)
///
/// Resubscribing is answered with the ops after Rev (the authority's window or its journal);
/// only when that history is gone does it answer with content, and then every live connection
/// gets a snapshot (FeedEffect.HistoryUnavailable, counted in GatewayTelemetry). The shell stamps
/// each live op with its clock on receipt (the fan-out latency starts there) and reports the
/// state's presence count after every step.
public sealed class DocumentFeed : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    /// The user the feed subscribes as: the authority serves it without a read check, because
    /// each connection is authorized (GetAccess) before it attaches and re-checked on AccessChanged.
    public const string FeedUser = GatewayFeedUser;

    private sealed record Retry;

    private sealed record GapFilled(IReadOnlyList<OpApplied> Ops);

    private sealed record GapFailed(string Reason);

    private sealed record HistoryLoaded(IActorRef Connection, IReadOnlyList<OpApplied> Ops);

    private sealed record HistoryFailed(IActorRef Connection);

    private sealed record Reassembled(object Reply, IActorRef From);

    private sealed record ReassemblyFailed(string Reason);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _doc;
    private readonly DocumentId _id;
    private readonly IActorRef _region;
    private readonly WebSettings _settings;
    private readonly GatewayTelemetry _metrics;
    private readonly FeedState<IActorRef> _state;
    private IActorRef? _authority;
    private int _presenceReported;

    public DocumentFeed(string doc, IActorRef region, WebSettings settings, GatewayTelemetry metrics)
    {
        _doc = doc;
        _id = DocumentId.Parse(doc);
        _region = region;
        _settings = settings;
        _metrics = metrics;
        _state = new FeedState<IActorRef>(doc, settings.FeedWindow, settings.AuthorityTimeout);
        Following();
    }

    private void Following()
    {
        Receive<FeedMessages.Attach>(attach =>
        {
            Context.Watch(attach.Connection);
            Run(_state.Attach(attach.Connection, attach.From, NowMs()));
        });
        Receive<FeedMessages.Detach>(detach => Forget(detach.Connection));
        Receive<Terminated>(OnTerminated);
        Receive<Subscribed>(subscribed => OnSubscribed(subscribed, Sender));
        Receive<ISourceRef<byte[]>>(OnLargeReply);
        Receive<SubscribeRejected>(rejected => Run(_state.Rejected(rejected.Code, rejected.Reason)));
        Receive<OpApplied>(op => Run(_state.Op(op, System.Diagnostics.Stopwatch.GetTimestamp())));
        Receive<AccessChanged>(changed => Run(_state.AccessChanged(changed.UserId)));
        Receive<GeneralAccessChanged>(_ => Run(_state.AccessChanged(null)));
        Receive<TitleChanged>(t => Run(_state.TitleChanged(t.Title)));
        // A deleted document ends every subscription to it here; the authority refuses new ones.
        Receive<DocumentDeleted>(_ => Run(_state.Rejected(ErrorCode.Deleted, "this document was deleted")));
        Receive<DocumentRestored>(_ => { });
        Receive<PresenceChanged>(p => Run(_state.PresenceChanged(p)));
        Receive<PresenceRemoved>(p => Run(_state.PresenceRemoved(p.ClientId)));
        Receive<GapFilled>(filled => Run(_state.GapFilled(filled.Ops)));
        Receive<GapFailed>(failed =>
        {
            _log.Warning("{0}: fetching missing revisions failed ({1}); resubscribing from {2}", _doc, failed.Reason, _state.Rev);
            Run(_state.GapFailed());
        });
        Receive<HistoryLoaded>(loaded => Run(_state.HistoryLoaded(loaded.Connection, loaded.Ops)));
        Receive<HistoryFailed>(failed => Run(_state.HistoryFailed(failed.Connection)));
        Receive<Retry>(_ => Run(_state.Tick(NowMs())));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    private void OnSubscribed(Subscribed subscribed, IActorRef authority)
    {
        Follow(authority);
        Run(_state.Subscribed(subscribed));
    }

    // A large Subscribed comes as a stream ref (LargeReply); what follows it (its ops) waits until
    // it is read, so the state sees them in the order the authority sent them.
    private void OnLargeReply(ISourceRef<byte[]> reply)
    {
        var from = Sender;
        LargeReply.Resolve(Context.System, reply).PipeTo(Self,
            success: message => new Reassembled(message, from),
            failure: ex => new ReassemblyFailed(ex.Message));
        Become(() =>
        {
            Receive<Reassembled>(done =>
            {
                Become(Following);
                if (done.Reply is Subscribed subscribed)
                {
                    OnSubscribed(subscribed, done.From);
                }
                Stash.UnstashAll();
            });
            Receive<ReassemblyFailed>(failed =>
            {
                _log.Warning("{0}: reading a large reply failed ({1}); resubscribing on the next tick", _doc, failed.Reason);
                Become(Following);
                Stash.UnstashAll();
            });
            ReceiveAny(_ => Stash.Stash());
        });
    }

    public static Props PropsFor(string doc, IActorRef region, WebSettings settings, GatewayTelemetry metrics) =>
        Props.Create(() => new DocumentFeed(doc, region, settings, metrics));

    protected override void PreStart()
    {
        _metrics.FeedStarted();
        Run(_state.Start());
        // Not faster: a Subscribe of a large document can take longer than a second to answer, and
        // each repeat would make the authority prepare that reply again.
        Timers.StartPeriodicTimer("retry", new Retry(), _settings.AuthorityTimeout);
    }

    protected override void PostStop()
    {
        _region.Tell(new Unsubscribe(_id, Self));
        Run(_state.Stop());
        _metrics.PresenceChanged(-_presenceReported);
        _metrics.FeedStopped();
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_authority))
        {
            Forget(terminated.ActorRef);
            return;
        }
        _authority = null;
        // A node that is leaving hands its shards off: there is nothing to follow until it is gone.
        var leaving = CoordinatedShutdown.Get(Context.System).ShutdownReason is not null;
        if (!leaving)
        {
            _log.Info("{0}: authority {1} terminated; resubscribing from {2}", _doc, terminated.ActorRef.Path, _state.Rev);
        }
        Run(_state.AuthorityLost(leaving));
    }

    // The incarnation that answered Subscribe is the one to watch (a move answers from a new one).
    private void Follow(IActorRef authority)
    {
        if (authority.Equals(_authority))
        {
            return;
        }
        if (_authority is not null)
        {
            Context.Unwatch(_authority);
        }
        _authority = authority;
        Context.Watch(authority);
    }

    private void Forget(IActorRef connection)
    {
        Context.Unwatch(connection);
        Run(_state.Detach(connection));
    }

    private void Run(IReadOnlyList<FeedEffect<IActorRef>> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case FeedEffect<IActorRef>.Send send:
                    send.To.Tell(send.Message);
                    break;
                case FeedEffect<IActorRef>.Subscribe subscribe:
                    _region.Tell(new Subscribe(_id, Self, FeedUser, subscribe.From, OpsFromJournal: true));
                    break;
                case FeedEffect<IActorRef>.FetchGap gap:
                    LargeReply.Ask(Context.System, _region, new GetOps(_id, gap.From, gap.To), _settings.AuthorityTimeout).PipeTo(Self,
                        success: reply => reply is Ops ops ? new GapFilled(ops.Items) : new GapFailed($"GetOps answered {reply.GetType().Name}"),
                        failure: ex => new GapFailed(ex.Message));
                    break;
                case FeedEffect<IActorRef>.FetchHistory history:
                    var connection = history.For;
                    LargeReply.Ask(Context.System, _region, new GetOps(_id, history.From, history.To), _settings.AuthorityTimeout).PipeTo(Self,
                        success: reply => reply is Ops ops ? new HistoryLoaded(connection, ops.Items) : new HistoryFailed(connection),
                        failure: _ => new HistoryFailed(connection));
                    break;
                case FeedEffect<IActorRef>.HistoryUnavailable lost:
                    _metrics.SentUnrequestedSnapshots(lost.Connections);
                    _log.Warning("{0}: the authority no longer has the ops after {1}; {2} connections restart at {3} with a snapshot",
                        _doc, lost.From, lost.Connections, lost.Head);
                    break;
            }
        }
        var presence = _state.PresenceCount;
        _metrics.PresenceChanged(presence - _presenceReported);
        _presenceReported = presence;
    }

    private static long NowMs() => Environment.TickCount64;
}
