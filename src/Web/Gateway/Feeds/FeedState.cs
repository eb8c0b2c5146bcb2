using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Documents;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Web.Gateway.Feeds;

/// Where a feed stands with its authority; the lifecycle is drawn above DocumentFeed.
public enum FeedPhase
{
    /// Subscribed without a revision; no content yet, attaching connections wait.
    Joining,

    /// At Rev with every op up to it applied, following the authority's live ops.
    Live,

    /// Ops after a missing range are held and the range was asked for (FetchGap).
    CatchingUp,

    /// The authority went away (hand-off, node down) or a gap could not be fetched:
    /// Subscribe(from Rev) was sent, and its answer replays the ops after Rev.
    Resubscribing,
}

/// One node's view of one document, without actors, clocks or I/O: each input returns the
/// effects its shell (DocumentFeed) carries out, and time comes in as an argument.
///
/// Invariant: a connection receives ops in revision order, each exactly once, starting right
/// after what its replay or snapshot covered. Ops that arrive early wait in the ahead set until
/// the ones before them are in; the only snapshot a live connection is ever sent unasked is the
/// one that follows an authority that has lost the history after Rev (HistoryUnavailable).
public sealed partial class FeedState<TConnection> where TConnection : notnull
{
    private readonly string _doc;
    private readonly int _windowSize;
    private readonly long _attachTimeoutMs;
    private readonly HashSet<TConnection> _connections = [];
    private readonly LinkedList<FeedMessages.Op> _window = new();
    private readonly SortedDictionary<long, OpApplied> _ahead = new();
    private readonly Dictionary<string, PresenceChanged> _presence = new(StringComparer.Ordinal);
    private readonly List<FeedEffect<TConnection>> _effects = [];
    private RichTextDocument _content = RichTextDocument.Empty;
    private FeedMessages.Title? _title;

    public FeedState(string doc, int windowSize, TimeSpan attachTimeout)
    {
        _doc = doc;
        _windowSize = windowSize;
        _attachTimeoutMs = (long)attachTimeout.TotalMilliseconds;
    }

    public FeedPhase Phase { get; private set; } = FeedPhase.Joining;

    /// Every op up to Rev is applied and was sent to the live connections; -1 while joining.
    public long Rev { get; private set; } = -1;

    /// Other clients' cursors this feed relays.
    public int PresenceCount => _presence.Count;

    /// The title as last heard from the authority (null: never named).
    public string? TitleText { get; private set; }

    /// The connections that get live ops (served, not waiting or loading history).
    public IReadOnlyCollection<TConnection> Connections => _connections;

    /// The first revision the window holds (Rev + 1 when it is empty).
    private long WindowStart => _window.First?.Value.Rev ?? Rev + 1;

    public IReadOnlyList<FeedEffect<TConnection>> Start() => Emit(() => Subscribe());

    /// The authority's first answer to Subscribe: the content at its head, or the ops after the
    /// revision asked for.
    public IReadOnlyList<FeedEffect<TConnection>> Subscribed(Subscribed subscribed) => Emit(() =>
    {
        if (subscribed.Content is { } content)
        {
            Adopt(subscribed.HeadRevision, content);
        }
        else if (Rev < 0)
        {
            return; // ops without a base: the next tick subscribes again without a revision
        }
        foreach (var op in subscribed.Ops.OrderBy(o => o.Revision))
        {
            Hold(op);
        }
        if (Phase is FeedPhase.Joining or FeedPhase.Resubscribing)
        {
            Phase = FeedPhase.Live;
        }
        _presence.Clear();
        foreach (var p in subscribed.Presence)
        {
            _presence[p.ClientId] = p;
        }
        if (subscribed.Title is { } title)
        {
            Renamed(title); // after a partition or a move, a rename this feed missed
        }
        Advance();
    });

    /// A live op from the authority, in any order, possibly twice; received (the shell's clock,
    /// 0 for none) travels on its frame to the connections, for the fan-out latency.
    public IReadOnlyList<FeedEffect<TConnection>> Op(OpApplied op, long received = 0) => Emit(() =>
    {
        Hold(op, received);
        Advance();
    });

    public IReadOnlyList<FeedEffect<TConnection>> GapFilled(IReadOnlyList<OpApplied> ops) => Emit(() =>
    {
        var before = Rev;
        foreach (var op in ops.OrderBy(o => o.Revision))
        {
            Hold(op);
        }
        DrainAhead();
        if (Phase == FeedPhase.CatchingUp)
        {
            if (_ahead.Count > 0 && Rev == before)
            {
                Resubscribe(); // the answer brought nothing new: ask afresh, the authority reads its journal
            }
            else
            {
                Phase = FeedPhase.Live;
            }
        }
        Advance();
    });

    public IReadOnlyList<FeedEffect<TConnection>> GapFailed() => Emit(() =>
    {
        if (Phase == FeedPhase.CatchingUp)
        {
            Resubscribe();
        }
    });

    /// The authority stopped (hand-off, node down). Leaving: this node is shutting down and its
    /// shards are handing off, so only the periodic tick resubscribes.
    public IReadOnlyList<FeedEffect<TConnection>> AuthorityLost(bool leaving) => Emit(() =>
    {
        Phase = Rev < 0 ? FeedPhase.Joining : FeedPhase.Resubscribing;
        if (!leaving)
        {
            Subscribe();
        }
    });

    /// Periodic: repeats a Subscribe that has not been answered and gives up on connections
    /// that wait for revisions this feed has not seen.
    public IReadOnlyList<FeedEffect<TConnection>> Tick(long nowMs) => Emit(() =>
    {
        if (Phase is FeedPhase.Joining or FeedPhase.Resubscribing)
        {
            Subscribe();
        }
        ExpireWaiting(nowMs);
    });

    public IReadOnlyList<FeedEffect<TConnection>> Rejected(ErrorCode code, string reason) => Emit(() => RejectAll(code, reason));

    /// The feed is stopping: every connection is told to subscribe again.
    public IReadOnlyList<FeedEffect<TConnection>> Stop() =>
        Emit(() => RejectAll(ErrorCode.Unavailable, "the document feed stopped; subscribe again"));

    public IReadOnlyList<FeedEffect<TConnection>> AccessChanged(string? user) => Emit(() =>
    {
        var message = new FeedMessages.AccessChanged(_doc, user);
        foreach (var c in Everyone())
        {
            Send(c, message);
        }
    });

    public IReadOnlyList<FeedEffect<TConnection>> TitleChanged(string title) => Emit(() => Renamed(title));

    public IReadOnlyList<FeedEffect<TConnection>> PresenceChanged(PresenceChanged presence) => Emit(() =>
    {
        _presence[presence.ClientId] = presence;
        Broadcast(FeedFrames.Presence(_doc, presence));
    });

    public IReadOnlyList<FeedEffect<TConnection>> PresenceRemoved(string client) => Emit(() =>
    {
        var user = _presence.Remove(client, out var last) ? last.UserId : "";
        Broadcast(FeedFrames.PresenceGone(_doc, client, user, Math.Max(0, Rev)));
    });

    // The content at head from the authority. At the same revision it changes nothing; at
    // another, the authority no longer has the ops after Rev, and live connections restart there.
    private void Adopt(long head, Protocol.Deltas.Delta content)
    {
        if (Rev == head)
        {
            return;
        }
        var from = Rev;
        Rev = head;
        _content = RichTextDocument.FromDelta(content);
        _window.Clear();
        foreach (var stale in _ahead.Keys.Where(r => r <= head).ToList())
        {
            _ahead.Remove(stale);
        }
        if (from >= 0)
        {
            Broadcast(FeedFrames.Snapshot(_doc, Rev, content));
            _effects.Add(new FeedEffect<TConnection>.HistoryUnavailable(from, head, _connections.Count));
        }
    }

    // Applies op if it is the next one, drops it if it was applied, holds it if it is early.
    private void Hold(OpApplied op, long received = 0)
    {
        if (Rev >= 0 && op.Revision <= Rev)
        {
            return; // a double: a replay overlapping live delivery, or the network
        }
        if (Rev >= 0 && op.Revision == Rev + 1)
        {
            Apply(op, received);
            return;
        }
        _ahead.TryAdd(op.Revision, op);
    }

    private void Apply(OpApplied op, long received = 0)
    {
        _content = _content.Apply(op.Delta);
        Rev = op.Revision;
        var frame = FeedFrames.Op(_doc, op, received);
        _window.AddLast(received == 0 ? frame : frame with { Received = 0 }); // a replay is not fan-out
        Broadcast(frame);
        while (_window.Count > _windowSize)
        {
            _window.RemoveFirst();
        }
    }

    // After any change of Rev: apply what was held, ask for what is missing, serve who waits.
    private void Advance()
    {
        DrainAhead();
        if (Phase == FeedPhase.Live && _ahead.Count > 0)
        {
            Phase = FeedPhase.CatchingUp;
            _effects.Add(new FeedEffect<TConnection>.FetchGap(Rev + 1, _ahead.First().Key - 1));
        }
        ServeWaiting();
    }

    private void DrainAhead()
    {
        while (Rev >= 0 && _ahead.Count > 0)
        {
            var (rev, op) = _ahead.First();
            if (rev > Rev + 1)
            {
                break;
            }
            _ahead.Remove(rev);
            if (rev == Rev + 1)
            {
                Apply(op);
            }
        }
    }

    private void Resubscribe()
    {
        Phase = FeedPhase.Resubscribing;
        Subscribe();
    }

    private void Subscribe() => _effects.Add(new FeedEffect<TConnection>.Subscribe(Rev >= 0 ? Rev : null));

    private void Renamed(string title)
    {
        if (!string.Equals(title, TitleText, StringComparison.Ordinal))
        {
            (_title, TitleText) = (FeedFrames.Title(_doc, title), title);
            Broadcast(_title);
        }
    }

    private void Broadcast(object message)
    {
        foreach (var c in _connections)
        {
            Send(c, message);
        }
    }

    private void Send(TConnection to, object message) => _effects.Add(new FeedEffect<TConnection>.Send(to, message));

    private List<FeedEffect<TConnection>> Emit(Action step)
    {
        _effects.Clear();
        step();
        return [.. _effects];
    }
}
