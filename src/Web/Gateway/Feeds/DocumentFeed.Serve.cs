using Akka.Actor;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Gateway.Feeds;

/// Serving a connection that attaches: a snapshot, or the ops after its revision from the
/// window, or (older than the window) from the authority, then live.
public sealed partial class DocumentFeed
{
    private void ServeWaiting()
    {
        if (_rev < 0 || _waiting.Count == 0)
        {
            return;
        }
        var now = NowMs();
        foreach (var waiting in _waiting.ToList())
        {
            var attach = waiting.Attach;
            if (attach.From is { } from && from > _rev)
            {
                // The client saw revisions this feed has not received yet (it was served by
                // another node): wait for them a little, then give up.
                if (now >= waiting.DeadlineMs)
                {
                    _waiting.Remove(waiting);
                    attach.Connection.Tell(new FeedMessages.Rejected(_doc, ErrorCode.BadRevision,
                        $"from: {from} is ahead of the document's head {_rev}"));
                }
                continue;
            }
            _waiting.Remove(waiting);
            Serve(attach);
        }
    }

    private void Serve(FeedMessages.Attach attach)
    {
        if (attach.From is not { } from)
        {
            ServeSnapshot(attach);
            return;
        }
        var windowStart = _window.First?.Value.Rev ?? _rev + 1;
        if (from + 1 >= windowStart)
        {
            foreach (var op in _window)
            {
                if (op.Rev > from)
                {
                    attach.Connection.Tell(op);
                }
            }
            Live(attach.Connection);
            return;
        }
        if (_rev - from > 10 * _settings.FeedWindow)
        {
            ServeSnapshot(attach);
            return;
        }
        // Older than the window: the authority has them (its window or its journal).
        _region.Ask<object>(new GetOps(_id, from + 1, windowStart - 1), _settings.AuthorityTimeout).PipeTo(Self,
            success: reply => reply is Ops ops ? new HistoryLoaded(attach, ops.Items) : new HistoryFailed(attach),
            failure: _ => new HistoryFailed(attach));
    }

    private void ServeFromHistory(FeedMessages.Attach attach, IReadOnlyList<OpApplied> ops)
    {
        var next = attach.From!.Value + 1;
        var windowStart = _window.First?.Value.Rev ?? _rev + 1;
        var contiguous = ops.OrderBy(o => o.Revision).TakeWhile(o => o.Revision == next++).ToList();
        if (contiguous.Count == 0 || contiguous[^1].Revision + 1 < windowStart)
        {
            ServeSnapshot(attach);
            return;
        }
        foreach (var op in contiguous)
        {
            attach.Connection.Tell(new FeedMessages.Op(_doc, op.Revision, op.ClientId, op.Seq,
                WireWriter.Encode(new ServerMessages.Op(_doc, op.Revision, op.ClientId, op.Seq, op.UserId, op.Delta))));
        }
        var last = contiguous[^1].Revision;
        foreach (var op in _window)
        {
            if (op.Rev > last)
            {
                attach.Connection.Tell(op);
            }
        }
        Live(attach.Connection);
    }

    private void ServeSnapshot(FeedMessages.Attach attach)
    {
        attach.Connection.Tell(SnapshotFrame());
        Live(attach.Connection);
    }

    private void Live(IActorRef connection)
    {
        connection.Tell(new FeedMessages.Subscribed(_doc, _rev, WireWriter.Encode(new ServerMessages.Subscribed(_doc, _rev))));
        foreach (var p in _presence.Values)
        {
            connection.Tell(PresenceFrame(p));
        }
        _connections.Add(connection);
    }
}
