using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;
using static AkkaCollab.Protocol.Wire.ClientMessages;

namespace AkkaCollab.Web.Gateway;

/// The open state: subscriptions, submits and presence.
///
/// Acks travel in revision order. The authority's reply to a submit can overtake the feed's
/// broadcast of the same op, and a client that saw ack r before op r-1 would transform wrongly.
/// So the feed's copy of the connection's own op is turned into the ack, in place; the direct
/// reply only produces an ack when the op was already delivered (a resend of an applied op).
public sealed partial class ConnectionActor
{
    private sealed record SubmitReply(string Doc, string Client, long Seq, object Reply);

    /// The authority's answer to GetAccess for this connection's user (null: no answer in time).
    private sealed record AccessChecked(string Doc, AccessOf? Access, bool Recheck);

    /// Per (client, seq): how many submits are outstanding, how many replies came, how many acks went.
    private sealed class PendingSubmit
    {
        public int Submitted { get; set; }
        public int Replied { get; set; }
        public int Acked { get; set; }
    }

    private sealed class Subscription
    {
        /// The last revision this client has been sent (op, ack or snapshot); -1 before the replay.
        public long Delivered { get; set; } = -1;
        public Dictionary<(string Client, long Seq), PendingSubmit> Pending { get; } = [];

        /// Read access was confirmed and the feed attached; until then nothing is delivered.
        public bool Attached { get; set; }

        /// What the user may do, as last confirmed by the authority (Open: no access list).
        public AccessLevel Level { get; set; }

        public bool Open { get; set; }

        public bool CanWrite => Open || Level >= AccessLevel.Write;
    }

    private void Open()
    {
        Receive<Inbound>(inbound =>
        {
            Sender.Tell(new SocketStreams.ReaderAck());
            if (_closing || !Heard(inbound))
            {
                return;
            }
            switch (inbound)
            {
                case Inbound.Invalid invalid:
                    Send(invalid.Error);
                    break;
                case Inbound.Binary:
                    Send(new ServerMessages.Error(ErrorCode.BadMessage, "frame: binary frames are not part of the protocol; send JSON text"));
                    break;
                case Inbound.Message { Value: var message }:
                    OnMessage(message);
                    break;
            }
        });
        Receive<FeedMessages.Op>(OnFeedOp);
        Receive<FeedMessages.Snapshot>(snapshot =>
        {
            if (!_subs.TryGetValue(snapshot.Doc, out var sub))
            {
                return;
            }
            SendFrame(snapshot.Frame);
            sub.Delivered = snapshot.Rev;
        });
        Receive<FeedMessages.Subscribed>(subscribed =>
        {
            if (_subs.TryGetValue(subscribed.Doc, out var sub))
            {
                sub.Delivered = subscribed.Rev;
                SendFrame(subscribed.Frame);
            }
        });
        Receive<FeedMessages.Presence>(presence =>
        {
            if (_subs.ContainsKey(presence.Doc) && presence.Client != _session)
            {
                SendFrame(presence.Frame);
            }
        });
        Receive<FeedMessages.Rejected>(rejected =>
        {
            if (_subs.Remove(rejected.Doc))
            {
                _ctx.Feeds.Tell(new FeedMessages.Detach(rejected.Doc, Self));
                Send(new ServerMessages.Error(rejected.Code, rejected.Reason, rejected.Doc));
            }
        });
        Receive<SubmitReply>(OnSubmitReply);
        Receive<AccessChecked>(OnAccessChecked);
        Receive<FeedMessages.AccessChanged>(changed =>
        {
            // Only this user's entry, or a claim of an open document, can change what this user
            // may do; the authority's answer decides (close on revoke, downgrade on viewer).
            if (_subs.TryGetValue(changed.Doc, out var sub) && sub.Attached && (changed.User == _user || sub.Open))
            {
                AskAccess(changed.Doc, recheck: true);
            }
        });
        Receive<Reauthenticated>(OnReauthenticated);
    }

    private void OnMessage(ClientMessage message)
    {
        switch (message)
        {
            case Hello:
                Send(new ServerMessages.Error(ErrorCode.ProtocolError, "hello: only the first frame may be hello"));
                Close(CloseCodes.ProtocolError, "second hello", flush: true);
                break;
            case ClientMessages.Subscribe sub:
                OnSubscribe(sub);
                break;
            case ClientMessages.Auth auth:
                _ctx.Identity.Authenticate(auth.Token).PipeTo(Self,
                    success: result => new Reauthenticated(result),
                    failure: ex => new Reauthenticated(Security.AuthResult.Refused("token: " + ex.Message)));
                break;
            case ClientMessages.Unsubscribe unsub:
                if (_subs.Remove(unsub.Doc, out var removed))
                {
                    _pendingFrom.Remove(unsub.Doc);
                    if (removed.Attached)
                    {
                        _ctx.Feeds.Tell(new FeedMessages.Detach(unsub.Doc, Self));
                    }
                    Send(new ServerMessages.Unsubscribed(unsub.Doc));
                }
                else
                {
                    Send(new ServerMessages.Error(ErrorCode.NotSubscribed, $"unsub: not subscribed to {unsub.Doc}", unsub.Doc));
                }
                break;
            case ClientMessages.Submit submit:
                OnSubmit(submit);
                break;
            case ClientMessages.Presence presence:
                OnPresence(presence);
                break;
            case Ping ping:
                Send(new ServerMessages.Pong(ping.Token));
                break;
            case Pong:
                break; // _lastHeardMs already moved
        }
    }

    private void OnSubscribe(ClientMessages.Subscribe sub)
    {
        if (_subs.ContainsKey(sub.Doc))
        {
            Send(new ServerMessages.Error(ErrorCode.BadMessage, $"sub: already subscribed to {sub.Doc}; unsub first", sub.Doc));
            return;
        }
        if (_subs.Count >= Settings.MaxSubscriptionsPerSocket)
        {
            Send(new ServerMessages.Error(ErrorCode.TooLarge, $"sub: at most {Settings.MaxSubscriptionsPerSocket} documents per socket", sub.Doc));
            return;
        }
        _subs[sub.Doc] = new Subscription();
        _pendingFrom[sub.Doc] = sub.From;
        AskAccess(sub.Doc, recheck: false);
    }

    private readonly Dictionary<string, long?> _pendingFrom = new(StringComparer.Ordinal);

    private void AskAccess(string doc, bool recheck) =>
        _ctx.Region.Ask<AccessOf>(new DocumentQueries.GetAccess(DocumentId.Parse(doc), _user), Settings.AuthorityTimeout).PipeTo(Self,
            success: access => new AccessChecked(doc, access, recheck),
            failure: _ => new AccessChecked(doc, null, recheck));

    /// Every subscribe is authorized against the document's access list before the feed attaches;
    /// a recheck after an access change closes the socket (4403) when read access is gone.
    private void OnAccessChecked(AccessChecked result)
    {
        if (_closing || !_subs.TryGetValue(result.Doc, out var sub))
        {
            return; // unsubscribed meanwhile
        }
        var readable = result.Access is { } a && (a.Open || a.Level >= AccessLevel.Read);
        if (result.Recheck)
        {
            if (result.Access is null)
            {
                AskAccess(result.Doc, recheck: true); // keep asking: a revocation must not be missed
                return;
            }
            if (!readable)
            {
                Send(new ServerMessages.Error(ErrorCode.Forbidden, $"sub: access to {result.Doc} was revoked", result.Doc));
                Close(CloseCodes.Forbidden, "access revoked", flush: true);
                return;
            }
            (sub.Level, sub.Open) = (result.Access!.Level, result.Access.Open);
            return;
        }
        _pendingFrom.Remove(result.Doc, out var from);
        if (result.Access is null)
        {
            _subs.Remove(result.Doc);
            Send(new ServerMessages.Error(ErrorCode.Unavailable, $"sub: the document's authority did not answer within {Settings.AuthorityTimeout.TotalSeconds:0.#}s; subscribe again", result.Doc));
            return;
        }
        if (!readable)
        {
            _subs.Remove(result.Doc);
            Send(new ServerMessages.Error(ErrorCode.Forbidden, $"sub: user {_user} may not read {result.Doc}", result.Doc));
            return;
        }
        (sub.Level, sub.Open, sub.Attached) = (result.Access!.Level, result.Access.Open, true);
        _ctx.Feeds.Tell(new FeedMessages.Attach(result.Doc, Self, from));
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
            Send(new ServerMessages.Error(ErrorCode.Forbidden, $"op: user {_user} may only view {submit.Doc}", submit.Doc, submit.Seq));
            return;
        }
        // Shape checks (sizes, formats, links) at the boundary: a bad op never costs a trip to the authority.
        var shape = _ctx.Node.Document.Validator.ValidateOps(submit.Delta);
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
        pending.Submitted++;
        var command = new DocumentCommands.Submit(DocumentId.Parse(submit.Doc), submit.Client, submit.Seq, submit.Rev, submit.Delta, _user);
        _ctx.Region.Ask<object>(command, Settings.AuthorityTimeout).PipeTo(Self,
            success: reply => new SubmitReply(submit.Doc, submit.Client, submit.Seq, reply),
            failure: ex => new SubmitReply(submit.Doc, submit.Client, submit.Seq, ex));
    }

    private void OnSubmitReply(SubmitReply reply)
    {
        if (!_subs.TryGetValue(reply.Doc, out var sub) || !sub.Pending.TryGetValue((reply.Client, reply.Seq), out var pending))
        {
            return; // unsubscribed meanwhile: the client resends after resubscribing
        }
        pending.Replied++;
        switch (reply.Reply)
        {
            case SubmitAcked acked:
                if (acked.Revision <= sub.Delivered)
                {
                    // Delivered before this submit was pending (a resend): ack it now.
                    while (pending.Acked < pending.Replied)
                    {
                        Ack(reply.Doc, reply.Seq, acked.Revision, pending);
                    }
                }
                break;
            case SubmitRejected rejected:
                pending.Submitted--;
                pending.Replied--;
                Send(new ServerMessages.Error(rejected.Code, "op: " + rejected.Reason, reply.Doc, reply.Seq));
                break;
            default:
                pending.Submitted--;
                pending.Replied--;
                Send(new ServerMessages.Error(ErrorCode.Unavailable,
                    $"op: the document's authority did not answer within {Settings.AuthorityTimeout.TotalSeconds:0.#}s; resend the same (client, seq)",
                    reply.Doc, reply.Seq));
                break;
        }
        Forget(sub, (reply.Client, reply.Seq), pending);
    }

    private void OnFeedOp(FeedMessages.Op op)
    {
        if (!_subs.TryGetValue(op.Doc, out var sub))
        {
            return;
        }
        sub.Delivered = op.Rev;
        var key = (op.Client, op.Seq);
        if (sub.Pending.TryGetValue(key, out var pending))
        {
            // In place of the broadcast: one ack, plus one per resend already answered.
            do
            {
                Ack(op.Doc, op.Seq, op.Rev, pending);
            }
            while (pending.Acked < pending.Replied);
            Forget(sub, key, pending);
            return;
        }
        SendFrame(op.Frame);
    }

    private void Ack(string doc, long seq, long rev, PendingSubmit pending)
    {
        pending.Acked++;
        Send(new ServerMessages.Ack(doc, seq, rev));
    }

    private static void Forget(Subscription sub, (string, long) key, PendingSubmit pending)
    {
        if (pending.Replied >= pending.Submitted && pending.Acked >= pending.Submitted)
        {
            sub.Pending.Remove(key);
        }
    }

    private void OnPresence(ClientMessages.Presence presence)
    {
        if (!_subs.TryGetValue(presence.Doc, out var sub))
        {
            Send(new ServerMessages.Error(ErrorCode.NotSubscribed, $"presence: subscribe to {presence.Doc} first", presence.Doc));
            return;
        }
        if (!sub.Attached)
        {
            return; // read access not confirmed yet: a cursor sent right after sub is dropped, the next one goes
        }
        if (presence.Range is not { } range)
        {
            return; // the authority has no "left" command yet: the cursor expires with its TTL
        }
        if (range.Index < 0 || range.Length < 0)
        {
            Send(new ServerMessages.Error(ErrorCode.BadMessage, "presence.range: index and length must not be negative", presence.Doc));
            return;
        }
        _ctx.Region.Tell(new UpdatePresence(DocumentId.Parse(presence.Doc), _session, _user, presence.Rev, range.Index, range.Length));
    }
}
