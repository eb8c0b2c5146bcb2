using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using AkkaCollab.Node.Documents.Messages;

namespace AkkaCollab.Node.Hosting;

/// Runs the journal and the snapshot store once, on a persistence id of this node's own, before
/// the node joins the cluster: recovery, a write, a snapshot, and the deletes that leave nothing
/// behind. A node that joins cold pays for its first database round trips (connections, query
/// compilation, JIT) in the first documents the coordinator moves to it: a rebalance onto a node
/// that had just started kept a document silent 3 s, 1.4 s of it that document's recovery
/// (docs/cluster.md).
public sealed class JournalWarmUp : ReceivePersistentActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TaskCompletionSource<TimeSpan> _done;
    private readonly long _started = Stopwatch.GetTimestamp();

    public JournalWarmUp(string node, TaskCompletionSource<TimeSpan> done)
    {
        PersistenceId = "node-warm-up-" + node;
        _done = done;
        Recover<NodeWarmedUp>(_ => { });
        Recover<SnapshotOffer>(_ => { });
        Recover<RecoveryCompleted>(_ => Self.Tell(Write.Instance));
        Command<Write>(_ => Persist(new NodeWarmedUp(node, DateTimeOffset.UtcNow), warmed => SaveSnapshot(warmed)));
        Command<SaveSnapshotSuccess>(saved =>
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr)));
        Command<SaveSnapshotFailure>(failed => Fail("saving a snapshot", failed.Cause));
        Command<DeleteSnapshotsSuccess>(_ => DeleteMessages(LastSequenceNr));
        Command<DeleteSnapshotsFailure>(failed => Fail("deleting snapshots", failed.Cause));
        Command<DeleteMessagesSuccess>(_ =>
        {
            _done.TrySetResult(Stopwatch.GetElapsedTime(_started));
            Context.Stop(Self);
        });
        Command<DeleteMessagesFailure>(failed => Fail("deleting events", failed.Cause));
    }

    public override string PersistenceId { get; }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _done.TrySetException(reason);
        base.OnRecoveryFailure(reason, message);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _done.TrySetException(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private void Fail(string step, Exception cause)
    {
        _log.Warning(cause, "journal warm-up: {0} failed", step);
        _done.TrySetException(cause);
        Context.Stop(Self);
    }

    private sealed record Write
    {
        public static readonly Write Instance = new();
    }
}

/// Starts a JournalWarmUp and waits for it.
public static class JournalWarmUps
{
    /// Completes with how long it took, or fails with the first error; never longer than timeout.
    public static async Task<TimeSpan> Run(ActorSystem system, string node, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(Props.Create(() => new JournalWarmUp(node, done)));
        var finished = await Task.WhenAny(done.Task, Task.Delay(timeout));
        if (finished != done.Task)
        {
            system.Stop(actor);
            throw new TimeoutException($"the journal warm-up did not finish within {timeout.TotalSeconds:0.#} s");
        }
        return await done.Task;
    }
}
