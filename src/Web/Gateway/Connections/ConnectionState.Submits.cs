using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Gateway.Connections;

/// Submits: told to the region (no Ask per keystroke), answered by SubmitAcked or SubmitRejected
/// correlated by (doc, client, seq), with one timer per pending key.
///
/// Acks travel in revision order. The authority's reply to a submit can overtake the feed's
/// broadcast of the same op, and a client that saw ack r before op r-1 would transform wrongly.
/// So the feed's copy of the connection's own op is turned into the ack, in place; the direct
/// reply only produces an ack when the op was already delivered (a resend of an applied op),
/// and only that ack carries the authority's Duplicate flag as dup.
public sealed partial class ConnectionState
{
    public IReadOnlyList<ConnectionEffect> SubmitAnswered(SubmitAcked acked)
    {
        if (Pending(acked.DocumentId.Value, acked.ClientId, acked.Seq) is (var sub, var pending))
        {
            pending.Outstanding--;
            if (acked.Revision <= sub.Delivered)
            {
                if (pending.AckedAhead > 0)
                {
                    pending.AckedAhead--; // its ack already went out in place
                }
                else
                {
                    Ack(acked.DocumentId.Value, acked.Seq, acked.Revision, acked.Duplicate);
                }
            }
            else
            {
                pending.AwaitingFeed.Enqueue(acked.Duplicate);
            }
            Settle(new SubmitKey(acked.DocumentId.Value, acked.ClientId, acked.Seq), sub, pending);
        }
        return Done(); // unsubscribed or timed out meanwhile: the client resends
    }

    public IReadOnlyList<ConnectionEffect> SubmitAnswered(SubmitRejected rejected)
    {
        if (Pending(rejected.DocumentId.Value, rejected.ClientId, rejected.Seq) is (var sub, var pending))
        {
            pending.Outstanding--;
            Send(new ServerMessages.Error(rejected.Code, "op: " + rejected.Reason, rejected.DocumentId.Value, rejected.Seq));
            Settle(new SubmitKey(rejected.DocumentId.Value, rejected.ClientId, rejected.Seq), sub, pending);
        }
        return Done();
    }

    private void OnSubmit(ClientMessages.Submit submit)
    {
        if (!_subs.TryGetValue(submit.Doc, out var sub))
        {
            Send(new ServerMessages.Error(ErrorCode.NotSubscribed, $"op: subscribe to {submit.Doc} before submitting", submit.Doc, submit.Seq));
            return;
        }
        if (sub.Attached && !sub.CanWrite)
        {
            Send(new ServerMessages.Error(ErrorCode.Forbidden, $"op: user {User} may only view {submit.Doc}", submit.Doc, submit.Seq));
            return;
        }
        // Shape checks (sizes, formats, links) at the boundary: a bad op never costs a trip to the authority.
        var shape = _validator.ValidateOps(submit.Delta);
        if (!shape.IsValid)
        {
            Send(new ServerMessages.Error(shape.Code!.Value, "op.delta: " + shape.Message, submit.Doc, submit.Seq));
            return;
        }
        var key = (submit.Client, submit.Seq);
        if (!sub.Pending.TryGetValue(key, out var pending))
        {
            sub.Pending[key] = pending = new PendingSubmit();
        }
        pending.Outstanding++;
        pending.Command = new Submit(DocumentId.Parse(submit.Doc), submit.Client, submit.Seq, submit.Rev, submit.Delta, User);
        pending.Waited = TimeSpan.Zero;
        Arm(new SubmitKey(submit.Doc, submit.Client, submit.Seq), pending);
        _effects.Add(new ToRegion(pending.Command));
    }

    // The next wait: a retry interval, or what is left of the authority timeout.
    private void Arm(SubmitKey key, PendingSubmit pending)
    {
        var left = _settings.AuthorityTimeout - pending.Waited;
        pending.Armed = left < _settings.AuthorityRetryInterval ? left : _settings.AuthorityRetryInterval;
        _effects.Add(new StartTimer(new ConnectionTimer.SubmitTimeout(key), pending.Armed));
    }

    private void OnFeedOp(FeedMessages.Op op, Subscription sub)
    {
        if (op.Rev <= sub.Delivered)
        {
            return; // a second copy of a revision this client already has
        }
        sub.Delivered = op.Rev;
        if (!sub.Pending.TryGetValue((op.Client, op.Seq), out var pending))
        {
            _effects.Add(new SendFrame(op.Frame));
            return;
        }
        // In place of the broadcast: one ack, plus one per resend already answered.
        Ack(op.Doc, op.Seq, op.Rev, duplicate: false);
        if (pending.AwaitingFeed.Count == 0)
        {
            pending.AckedAhead++;
        }
        else
        {
            pending.AwaitingFeed.Dequeue();
        }
        while (pending.AwaitingFeed.TryDequeue(out var duplicate))
        {
            Ack(op.Doc, op.Seq, op.Rev, duplicate);
        }
        Settle(new SubmitKey(op.Doc, op.Client, op.Seq), sub, pending);
    }

    /// No answer within the retry interval: the submit is sent again, until the authority
    /// timeout; then each unanswered submit gets `unavailable` (unless its ack already went out
    /// in place), and the client resends the same (client, seq).
    private void SubmitWaited(SubmitKey key)
    {
        if (Pending(key.Doc, key.Client, key.Seq) is not (var sub, var pending))
        {
            return;
        }
        pending.Waited += pending.Armed;
        if (pending.Waited < _settings.AuthorityTimeout)
        {
            if (pending.Outstanding > pending.AckedAhead && pending.Command is { } command)
            {
                _effects.Add(new ToRegion(command));
            }
            Arm(key, pending);
            return;
        }
        for (var i = pending.AckedAhead; i < pending.Outstanding; i++)
        {
            Send(new ServerMessages.Error(ErrorCode.Unavailable,
                $"op: the document's authority did not answer within {_settings.AuthorityTimeout.TotalSeconds:0.#}s; resend the same (client, seq)",
                key.Doc, key.Seq));
        }
        (pending.Outstanding, pending.AckedAhead) = (0, 0);
        Settle(key, sub, pending);
    }

    /// The pending submits of (doc, client, seq) still waiting for an answer; none once closing.
    private (Subscription Sub, PendingSubmit Pending)? Pending(string doc, string client, long seq) =>
        Phase == ConnectionPhase.Open && _subs.TryGetValue(doc, out var sub) && sub.Pending.TryGetValue((client, seq), out var pending) && pending.Outstanding > 0
            ? (sub, pending)
            : null;

    private void Settle(SubmitKey key, Subscription sub, PendingSubmit pending)
    {
        if (pending.Outstanding == 0)
        {
            _effects.Add(new CancelTimer(new ConnectionTimer.SubmitTimeout(key)));
        }
        if (pending.Settled)
        {
            sub.Pending.Remove((key.Client, key.Seq));
        }
    }

    private void Ack(string doc, long seq, long rev, bool duplicate) =>
        Send(new ServerMessages.Ack(doc, seq, rev, duplicate));
}
