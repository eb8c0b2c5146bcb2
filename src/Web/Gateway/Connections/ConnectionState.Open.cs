using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Gateway.Connections;

/// The open phase: subscriptions, access checks, the feed's messages and presence.
public sealed partial class ConnectionState
{
    private readonly Dictionary<string, Subscription> _subs = new(StringComparer.Ordinal);

    /// The documents whose feed this connection is attached to (detached when the actor stops).
    public IEnumerable<string> AttachedDocuments => _subs.Where(s => s.Value.Attached).Select(s => s.Key);

    public IReadOnlyDictionary<string, Subscription> Subscriptions => _subs;

    /// The authority's answer to GetAccess for this connection's user (null: no answer in time).
    public IReadOnlyList<ConnectionEffect> AccessAnswered(string doc, AccessOf? access, bool recheck)
    {
        if (Phase == ConnectionPhase.Open && _subs.TryGetValue(doc, out var sub))
        {
            OnAccess(doc, sub, access, recheck);
        }
        return Done(); // not open, or unsubscribed meanwhile
    }

    /// A message from the document's local feed.
    public IReadOnlyList<ConnectionEffect> Feed(object message)
    {
        if (Phase == ConnectionPhase.Open)
        {
            OnFeed(message);
        }
        return Done();
    }

    private void OnOpenFrame(Inbound inbound, Moment now)
    {
        switch (inbound)
        {
            case Inbound.Invalid invalid:
                Send(invalid.Error);
                break;
            case Inbound.Binary:
                Send(new ServerMessages.Error(ErrorCode.BadMessage, "frame: binary frames are not part of the protocol; send JSON text"));
                break;
            case Inbound.Message { Value: var message }:
                OnMessage(message, now);
                break;
        }
    }

    private void OnMessage(ClientMessage message, Moment now)
    {
        switch (message)
        {
            case ClientMessages.Hello:
                Send(new ServerMessages.Error(ErrorCode.ProtocolError, "hello: only the first frame may be hello"));
                StartClose(CloseCodes.ProtocolError, "second hello", flush: true);
                break;
            case ClientMessages.Auth auth:
                _effects.Add(new Authenticate(auth.Token, Hello: false));
                break;
            case ClientMessages.Subscribe sub:
                OnSubscribe(sub);
                break;
            case ClientMessages.Unsubscribe unsub:
                OnUnsubscribe(unsub);
                break;
            case ClientMessages.Submit submit:
                OnSubmit(submit);
                break;
            case ClientMessages.Presence presence:
                OnPresence(presence);
                break;
            case ClientMessages.Ping ping:
                Send(new ServerMessages.Pong(ping.Token));
                break;
            case ClientMessages.Pong:
                break; // Heard already moved the idle clock
        }
    }

    private void OnSubscribe(ClientMessages.Subscribe sub)
    {
        if (_subs.ContainsKey(sub.Doc))
        {
            Send(new ServerMessages.Error(ErrorCode.BadMessage, $"sub: already subscribed to {sub.Doc}; unsub first", sub.Doc));
            return;
        }
        if (_subs.Count >= _settings.MaxSubscriptionsPerSocket)
        {
            Send(new ServerMessages.Error(ErrorCode.TooLarge, $"sub: at most {_settings.MaxSubscriptionsPerSocket} documents per socket", sub.Doc));
            return;
        }
        _subs[sub.Doc] = new Subscription(sub.From);
        _effects.Add(new CheckAccess(sub.Doc, User, Recheck: false));
    }

    private void OnUnsubscribe(ClientMessages.Unsubscribe unsub)
    {
        if (!_subs.ContainsKey(unsub.Doc))
        {
            Send(new ServerMessages.Error(ErrorCode.NotSubscribed, $"unsub: not subscribed to {unsub.Doc}", unsub.Doc));
            return;
        }
        if (_subs[unsub.Doc].Attached)
        {
            _effects.Add(RemovePresence(unsub.Doc));
        }
        Forget(unsub.Doc);
        Send(new ServerMessages.Unsubscribed(unsub.Doc));
    }

    /// Drops a subscription with its pending submits (the client resends them after resubscribing).
    private void Forget(string doc)
    {
        if (!_subs.Remove(doc, out var sub))
        {
            return;
        }
        foreach (var (client, seq) in sub.Pending.Keys)
        {
            _effects.Add(new CancelTimer(new ConnectionTimer.SubmitTimeout(new SubmitKey(doc, client, seq))));
        }
        if (sub.Attached)
        {
            _effects.Add(new Detach(doc));
        }
    }

    /// Every subscribe is authorized against the document's access list before the feed attaches;
    /// a recheck after an access change closes the socket (4403) when read access is gone.
    private void OnAccess(string doc, Subscription sub, AccessOf? access, bool recheck)
    {
        var readable = access is { } a && a.Level >= AccessLevel.Read;
        if (recheck)
        {
            if (access is null)
            {
                _effects.Add(new CheckAccess(doc, User, Recheck: true)); // keep asking: a revocation must not be missed
            }
            else if (!readable)
            {
                Send(new ServerMessages.Error(ErrorCode.Forbidden, $"sub: access to {doc} was revoked", doc));
                StartClose(CloseCodes.Forbidden, "access revoked", flush: true);
            }
            else
            {
                (sub.Level, sub.Open) = (access.Level, access.Open);
            }
            return;
        }
        if (access is null)
        {
            _subs.Remove(doc);
            Send(new ServerMessages.Error(ErrorCode.Unavailable,
                $"sub: the document's authority did not answer within {_settings.AuthorityTimeout.TotalSeconds:0.#}s; subscribe again", doc));
            return;
        }
        if (!readable)
        {
            _subs.Remove(doc);
            Send(new ServerMessages.Error(ErrorCode.Forbidden, $"sub: user {User} may not read {doc}", doc));
            return;
        }
        if (access.Deleted)
        {
            _subs.Remove(doc);
            Send(new ServerMessages.Error(ErrorCode.Deleted, $"sub: {doc} was deleted", doc));
            return;
        }
        (sub.Level, sub.Open, sub.Attached) = (access.Level, access.Open, true);
        _effects.Add(new Attach(doc, sub.From));
    }

    private void OnFeed(object message)
    {
        switch (message)
        {
            case FeedMessages.Op op when _subs.TryGetValue(op.Doc, out var sub):
                OnFeedOp(op, sub);
                break;
            case FeedMessages.Snapshot snapshot when _subs.TryGetValue(snapshot.Doc, out var sub):
                _effects.Add(new SendFrame(snapshot.Frame));
                sub.Delivered = snapshot.Rev; // the client's view restarts here
                break;
            case FeedMessages.Subscribed subscribed when _subs.TryGetValue(subscribed.Doc, out var sub):
                sub.Delivered = subscribed.Rev;
                _effects.Add(new SendFrame(subscribed.Frame));
                break;
            case FeedMessages.Presence presence when _subs.ContainsKey(presence.Doc) && presence.Client != Session:
                _effects.Add(new SendFrame(presence.Frame));
                break;
            case FeedMessages.Title title when _subs.ContainsKey(title.Doc):
                _effects.Add(new SendFrame(title.Frame));
                break;
            case FeedMessages.Rejected rejected when _subs.ContainsKey(rejected.Doc):
                // Only this document ends; the socket and its other subscriptions stay live.
                Forget(rejected.Doc);
                Send(new ServerMessages.Error(rejected.Code, rejected.Reason, rejected.Doc));
                break;
            case FeedMessages.AccessChanged changed when _subs.TryGetValue(changed.Doc, out var sub)
                                                       && sub.Attached && (changed.User is null || changed.User == User || sub.Open):
                // This user's entry, the general access (everyone may do the higher of their entry
                // and it, so it concerns every user) or, for a user without an entry, a claim can
                // change what this user may do; the authority's answer decides (close on revoke,
                // downgrade on viewer, upgrade on editor).
                _effects.Add(new CheckAccess(changed.Doc, User, Recheck: true));
                break;
        }
    }

    /// This socket's cursor on doc, removed for everyone at once.
    private ToRegion RemovePresence(string doc) => new(new DocumentCommands.RemovePresence(DocumentId.Parse(doc), Session, User));

    /// What the authorities must hear when the socket is gone: its cursors leave with it.
    public IEnumerable<IDocumentMessage> Departures() =>
        _subs.Where(s => s.Value.Attached).Select(s => (IDocumentMessage)new DocumentCommands.RemovePresence(DocumentId.Parse(s.Key), Session, User));

    private void OnPresence(ClientMessages.Presence presence)
    {
        if (!_subs.TryGetValue(presence.Doc, out var sub))
        {
            Send(new ServerMessages.Error(ErrorCode.NotSubscribed, $"presence: subscribe to {presence.Doc} first", presence.Doc));
            return;
        }
        if (!sub.Attached)
        {
            return; // before read access is confirmed a cursor is dropped (the next one goes)
        }
        var id = DocumentId.Parse(presence.Doc);
        if (presence.Range is not { } range)
        {
            // Here without a cursor (the editor lost focus): still present for the others.
            _effects.Add(new ToRegion(new DocumentCommands.UpdatePresence(id, Session, User, presence.Rev, 0, 0, presence.Idle, HasCursor: false)));
            return;
        }
        if (range.Index < 0 || range.Length < 0)
        {
            Send(new ServerMessages.Error(ErrorCode.BadMessage, "presence.range: index and length must not be negative", presence.Doc));
            return;
        }
        _effects.Add(new ToRegion(new DocumentCommands.UpdatePresence(id, Session, User, presence.Rev, range.Index, range.Length, presence.Idle)));
    }
}
