using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using AkkaCollab.Node.Streaming;
using AkkaCollab.Protocol;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// Subscribing to the authority: the replay after a revision (from the window, else from the
// journal for a feed that asks for ops), or the content at head, then every durable op.
public sealed partial class DocumentEntity
{
    private sealed record SubscriberHistoryLoaded(Subscribe Subscribe, IReadOnlyList<OpApplied> Ops, int Attempt);

    private sealed record SubscriberHistoryFailed(Subscribe Subscribe, string Reason);

    private sealed record SubscribeReplyReady(Subscribe Subscribe, Akka.Streams.ISourceRef<byte[]> Reply, long Head, string? Title);

    private sealed record SubscribeReplyFailed(Subscribe Subscribe, string Reason);

    private void HandleSubscribe(Subscribe subscribe)
    {
        if (_committed.IsDeleted)
        {
            subscribe.Subscriber.Tell(new SubscribeRejected(Id, ErrorCode.Deleted, _committed.DeletedReason));
            return;
        }
        if (subscribe.UserId != GatewayFeedUser && !_committed.CanRead(subscribe.UserId))
        {
            subscribe.Subscriber.Tell(new SubscribeRejected(Id, ErrorCode.Forbidden, $"user {subscribe.UserId} may not read {Id}"));
            return;
        }
        var from = subscribe.FromRevision;
        if (from is not { } f || f < 0 || f > _committed.Head)
        {
            AnswerSubscribe(subscribe, ops: null);
        }
        else if (_committed.OpsBetween(f + 1, _committed.Head) is { } ops)
        {
            AnswerSubscribe(subscribe, ops);
        }
        else if (subscribe.OpsFromJournal)
        {
            ReadForSubscriber(subscribe, attempt: 1);
        }
        else
        {
            AnswerSubscribe(subscribe, ops: null);
        }
    }

    // A subscriber behind the window (a feed after a move, a partition or a restart of this
    // entity) is caught up with the ops from the journal, up to the newest durable one, so that
    // the read meets the committed window even if the window moves on while it is out.
    private void ReadForSubscriber(Subscribe subscribe, int attempt) =>
        History.ReadOps(PersistenceId, subscribe.FromRevision!.Value + 1, long.MaxValue).PipeTo(
            Self,
            success: ops => new SubscriberHistoryLoaded(subscribe, ops, attempt),
            failure: ex => new SubscriberHistoryFailed(subscribe, "journal read failed: " + ex.Message));

    private void OnSubscriberHistory(SubscriberHistoryLoaded loaded)
    {
        var next = loaded.Subscribe.FromRevision!.Value + 1;
        var read = loaded.Ops.Where(o => o.Revision <= _committed.Head).ToList();
        var last = read.Count > 0 ? read[^1].Revision : next - 1;
        List<OpApplied> ops = [.. read, .. _committed.Window.Where(o => o.Revision > last)];
        var contiguous = ops.Select((op, i) => op.Revision == next + i).All(ok => ok) && next + ops.Count - 1 == _committed.Head;
        if (contiguous)
        {
            AnswerSubscribe(loaded.Subscribe, ops);
        }
        else if (loaded.Attempt < MaxHistoryReads && last + 1 < _committed.WindowStart)
        {
            ReadForSubscriber(loaded.Subscribe, loaded.Attempt + 1); // the window moved past the read: read on from there
        }
        else
        {
            OnSubscriberHistoryFailed(new SubscriberHistoryFailed(loaded.Subscribe,
                $"the journal holds revisions up to {last} of {next}..{_committed.Head}"));
        }
    }

    // The history is gone (deleted, or the journal is down): the content at head is all there is.
    private void OnSubscriberHistoryFailed(SubscriberHistoryFailed failed)
    {
        _log.Warning("{0}: cannot replay the ops after {1} to {2} ({3}); sending the content at {4}",
            Id, failed.Subscribe.FromRevision, failed.Subscribe.Subscriber.Path, failed.Reason, _committed.Head);
        AnswerSubscribe(failed.Subscribe, ops: null);
    }

    private void AnswerSubscribe(Subscribe subscribe, IReadOnlyList<OpApplied>? ops)
    {
        var presence = _committed.PresenceAtHead().ToImmutableArray();
        Subscribed reply = ops is null
            ? new Subscribed(Id, _committed.Head, _committed.Content, [], presence, _committed.Title)
            : new Subscribed(Id, _committed.Head, null, [.. ops], presence, _committed.Title);
        if (LargeReply.Offer(Context.System, subscribe.Subscriber, reply) is { } pending)
        {
            // The subscriber is added when the stream ref is sent, so no live op overtakes it.
            var (head, title) = (_committed.Head, _committed.Title);
            pending.PipeTo(Self,
                success: source => new SubscribeReplyReady(subscribe, source, head, title),
                failure: ex => new SubscribeReplyFailed(subscribe, ex.Message));
            return;
        }
        // Replay and live ops leave from this one mailbox turn, so nothing falls between them.
        subscribe.Subscriber.Tell(reply);
        AddSubscriber(subscribe.Subscriber);
    }

    // The ops committed while the stream ref was made follow it, before the live ones; any older
    // than the window are a gap the feed fetches (GetOps).
    private void OnSubscribeReplyReady(SubscribeReplyReady ready)
    {
        var subscriber = ready.Subscribe.Subscriber;
        subscriber.Tell(ready.Reply);
        foreach (var op in _committed.Window.Where(o => o.Revision > ready.Head))
        {
            subscriber.Tell(op);
        }
        if (_committed.Title != ready.Title && _committed.Title is { } renamed)
        {
            // A rename while the stream ref was made (who renamed is in the journal, not needed here).
            subscriber.Tell(new TitleChanged(Id, renamed, ""));
        }
        AddSubscriber(subscriber);
    }

    // The subscriber retries on its own timer (a feed resubscribes while it has no answer).
    private void OnSubscribeReplyFailed(SubscribeReplyFailed failed) =>
        _log.Warning("{0}: the large subscribe reply to {1} could not be offered: {2}", Id, failed.Subscribe.Subscriber.Path, failed.Reason);

    private void AddSubscriber(IActorRef subscriber)
    {
        if (_subscribers.Add(subscriber))
        {
            Context.Watch(subscriber);
        }
    }
}
