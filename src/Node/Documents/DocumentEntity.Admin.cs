using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using AkkaCollab.Node.Admin;
using AkkaCollab.Node.Telemetry;
using static AkkaCollab.Node.Documents.Messages.DocumentAdmin;

namespace AkkaCollab.Node.Documents;

// The operators' commands (ctl doc info|snapshot|passivate), kept apart from the document's own
// conversation. They read _committed only, like every other query.
public sealed partial class DocumentEntity
{
    // The stop message this entity hands sharding when an operator passivates it: local only.
    private sealed record AdminStop
    {
        public static readonly AdminStop Instance = new();
    }

    private readonly OpRateWindow _opRate = new();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly List<(IActorRef ReplyTo, long Revision)> _snapshotWaiters = [];

    private void Admin()
    {
        Command<GetInfo>(_ => Sender.Tell(new Info(
            Id,
            SelfNode(),
            _committed.Head,
            _lastSnapshotRevision,
            LastSequenceNr,
            [.. _subscribers.GroupBy(NodeOf).Select(g => new NodeCount(g.Key, g.Count())).OrderBy(n => n.Node, StringComparer.Ordinal)],
            _committed.Presence.Count,
            _opRate.LastMinute(NowMs()),
            _started)));
        Command<TakeSnapshot>(_ =>
        {
            _snapshotWaiters.Add((Sender, _committed.Head));
            SaveSnapshot(_committed.ToSnapshot());
            _lastSnapshotRevision = _committed.Head;
        });
        Command<PassivateDocument>(_ =>
        {
            Sender.Tell(new Passivating(Id, SelfNode(), _committed.Head));
            Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(AdminStop.Instance));
        });
        Command<AdminStop>(stop => DeferAsync(stop, _ => SnapshotAndStop()));
    }

    private void SnapshotSaved()
    {
        NodeTelemetry.Snapshots.Add(1, new KeyValuePair<string, object?>("result", "saved"));
        foreach (var (replyTo, revision) in _snapshotWaiters)
        {
            replyTo.Tell(new SnapshotTaken(Id, revision, Saved: true, Error: null));
        }
        _snapshotWaiters.Clear();
    }

    private void SnapshotFailed(Exception cause)
    {
        NodeTelemetry.Snapshots.Add(1, new KeyValuePair<string, object?>("result", "failed"));
        foreach (var (replyTo, revision) in _snapshotWaiters)
        {
            replyTo.Tell(new SnapshotTaken(Id, revision, Saved: false, Error: cause.GetType().Name));
        }
        _snapshotWaiters.Clear();
    }

    protected override void PreStart()
    {
        NodeTelemetry.ActiveDocuments.Add(1);
        base.PreStart();
    }

    // Presence is not persisted: what an entity holds when it stops is gone with it.
    private void PresenceMoved(int before) => NodeTelemetry.Presence.Add(_committed.Presence.Count - before);

    protected override void PostStop()
    {
        NodeTelemetry.ActiveDocuments.Add(-1);
        NodeTelemetry.Presence.Add(-_committed.Presence.Count);
        base.PostStop();
    }

    private string SelfNode() => Cluster.Get(Context.System).SelfAddress.ToString();

    // A local subscriber's path has no host: it lives on this node.
    private string NodeOf(IActorRef subscriber) =>
        subscriber.Path.Address.HasGlobalScope ? subscriber.Path.Address.ToString() : SelfNode();
}
