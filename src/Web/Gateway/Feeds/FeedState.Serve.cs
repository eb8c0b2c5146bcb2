using AkkaCollab.Protocol;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Web.Gateway.Feeds;

/// Serving a connection that attaches: a snapshot (it sent no from), or the ops after its
/// revision from the window, or (older than the window) from the authority's history, then
/// subscribed, the cursors, and live ops.
public sealed partial class FeedState<TConnection>
{
    private sealed record Waiting(TConnection Connection, long? From, long DeadlineMs);

    private readonly List<Waiting> _waiting = [];

    // Connections whose ops older than the window are being fetched, with the from they sent.
    private readonly Dictionary<TConnection, long> _loading = [];

    public IReadOnlyList<FeedEffect<TConnection>> Attach(TConnection connection, long? from, long nowMs) => Emit(() =>
    {
        Forget(connection);
        _waiting.Add(new Waiting(connection, from, nowMs + _attachTimeoutMs));
        ServeWaiting();
    });

    public IReadOnlyList<FeedEffect<TConnection>> Detach(TConnection connection) => Emit(() => Forget(connection));

    public IReadOnlyList<FeedEffect<TConnection>> HistoryLoaded(TConnection connection, IReadOnlyList<OpApplied> ops) => Emit(() =>
    {
        if (!_loading.Remove(connection, out var from))
        {
            return; // detached meanwhile
        }
        var next = from + 1;
        var contiguous = ops.OrderBy(o => o.Revision).TakeWhile(o => o.Revision == next++ && o.Revision <= Rev).ToList();
        if (contiguous.Count == 0 || contiguous[^1].Revision + 1 < WindowStart)
        {
            // The window moved past the history while it was read (or the feed restarted at a
            // new head): this connection has not been served yet, so a snapshot is its answer to sub.
            ServeSnapshot(connection);
            return;
        }
        foreach (var op in contiguous)
        {
            Send(connection, FeedFrames.Op(_doc, op));
        }
        SendWindowAfter(connection, contiguous[^1].Revision);
        Live(connection);
    });

    public IReadOnlyList<FeedEffect<TConnection>> HistoryFailed(TConnection connection) => Emit(() =>
    {
        if (_loading.Remove(connection, out _))
        {
            ServeSnapshot(connection);
        }
    });

    private void ServeWaiting()
    {
        if (Rev < 0 || _waiting.Count == 0)
        {
            return;
        }
        foreach (var waiting in _waiting.ToList())
        {
            if (waiting.From is { } from && from > Rev)
            {
                continue; // it saw revisions this feed has not received yet (served by another node)
            }
            _waiting.Remove(waiting);
            Serve(waiting.Connection, waiting.From);
        }
    }

    private void ExpireWaiting(long nowMs)
    {
        if (Rev < 0)
        {
            return; // joining: nothing to compare with yet
        }
        foreach (var waiting in _waiting.Where(w => nowMs >= w.DeadlineMs).ToList())
        {
            _waiting.Remove(waiting);
            Send(waiting.Connection, new FeedMessages.Rejected(_doc, ErrorCode.BadRevision,
                $"from: {waiting.From} is ahead of the document's head {Rev}"));
        }
    }

    private void Serve(TConnection connection, long? from)
    {
        if (from is not { } f)
        {
            ServeSnapshot(connection);
            return;
        }
        var windowStart = WindowStart;
        if (f + 1 >= windowStart)
        {
            SendWindowAfter(connection, f);
            Live(connection);
            return;
        }
        if (Rev - f > 10 * (long)_windowSize)
        {
            ServeSnapshot(connection); // far behind: the document costs less than the replay
            return;
        }
        _loading[connection] = f;
        _effects.Add(new FeedEffect<TConnection>.FetchHistory(connection, f + 1, windowStart - 1));
    }

    private void SendWindowAfter(TConnection connection, long rev)
    {
        foreach (var op in _window)
        {
            if (op.Rev > rev)
            {
                Send(connection, op);
            }
        }
    }

    private void ServeSnapshot(TConnection connection)
    {
        Send(connection, FeedFrames.Snapshot(_doc, Rev, _content.ToDelta()));
        Live(connection);
    }

    private void Live(TConnection connection)
    {
        Send(connection, FeedFrames.Subscribed(_doc, Rev));
        if (_title is not null)
        {
            Send(connection, _title);
        }
        foreach (var p in _presence.Values)
        {
            Send(connection, FeedFrames.Presence(_doc, p));
        }
        _connections.Add(connection);
    }

    private void Forget(TConnection connection)
    {
        _connections.Remove(connection);
        _waiting.RemoveAll(w => w.Connection.Equals(connection));
        _loading.Remove(connection);
    }

    private List<TConnection> Everyone() =>
        [.. _connections, .. _waiting.Select(w => w.Connection), .. _loading.Keys];

    private void RejectAll(ErrorCode code, string reason)
    {
        var message = new FeedMessages.Rejected(_doc, code, reason);
        foreach (var c in Everyone())
        {
            Send(c, message);
        }
        _connections.Clear();
        _waiting.Clear();
        _loading.Clear();
    }
}
