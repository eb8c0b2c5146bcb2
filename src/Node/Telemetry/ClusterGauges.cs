using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace AkkaCollab.Node.Telemetry;

// This node's view of the cluster as observable gauges: members by status, unreachable members,
// and the shards and entities each local region hosts. Shard counts need an Ask, so they are
// polled (every PollInterval) and the gauges read the last answer.
public sealed class ClusterGauges : IDisposable
{
    public const string MeterName = "AkkaCollab.Cluster";
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly ActorSystem _system;
    private readonly Meter _meter;
    private readonly Timer _timer;
    private volatile IReadOnlyDictionary<string, (int Shards, int Entities)> _regions = new Dictionary<string, (int, int)>();

    public ClusterGauges(ActorSystem system, IMeterFactory meters)
    {
        _system = system;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("akkacollab.cluster.members", MembersByStatus, "{member}", "Cluster members by status, as this node sees them");
        _meter.CreateObservableGauge("akkacollab.cluster.unreachable", () => Cluster.Get(_system).State.Unreachable.Count, "{member}", "Members this node's failure detector marks unreachable");
        _meter.CreateObservableGauge("akkacollab.sharding.shards", () => PerRegion(r => r.Shards), "{shard}", "Shards hosted by this node, by region");
        _meter.CreateObservableGauge("akkacollab.sharding.entities", () => PerRegion(r => r.Entities), "{entity}", "Entities running on this node, by region");
        _timer = new Timer(_ => _ = Poll(), null, TimeSpan.Zero, PollInterval);
    }

    private IEnumerable<Measurement<int>> MembersByStatus()
    {
        var members = Cluster.Get(_system).State.Members;
        foreach (var status in Enum.GetValues<MemberStatus>())
        {
            yield return new Measurement<int>(members.Count(m => m.Status == status), new KeyValuePair<string, object?>("status", status.ToString()));
        }
    }

    private IEnumerable<Measurement<int>> PerRegion(Func<(int Shards, int Entities), int> pick) =>
        _regions.Select(r => new Measurement<int>(pick(r.Value), new KeyValuePair<string, object?>("region", r.Key)));

    private async Task Poll()
    {
        try
        {
            var sharding = ClusterSharding.Get(_system);
            var regions = new Dictionary<string, (int, int)>();
            foreach (var name in sharding.ShardTypeNames)
            {
                var state = await sharding.ShardRegion(name).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, PollInterval);
                regions[name] = (state.Shards.Count, state.Shards.Sum(s => s.EntityIds.Count));
            }
            _regions = regions;
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or InvalidOperationException or ArgumentException)
        {
            // Starting or shutting down: keep the last answer until the next poll.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _meter.Dispose();
    }
}
