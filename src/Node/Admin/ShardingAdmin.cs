using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;

namespace AkkaCollab.Node.Admin;

public sealed record RegionView(string Name, string Kind, int ShardsHere, int EntitiesHere);

public sealed record NodeShards(string Node, int Shards, int Entities);

public sealed record ShardView(string Shard, string Node, int Entities);

public sealed record LocateView(string Document, string Shard, string? Node, bool Running);

// Petabridge.Cmd's sharding palette plus `doc locate`, from the coordinator's statistics
// (GetClusterShardingStats) and the regions' own state (GetShardRegionState).
public sealed class ShardingAdmin(ActorSystem system, int shardCount, TimeSpan timeout)
{
    public const string DocumentRegionName = "document";

    public async Task<IReadOnlyList<RegionView>> Regions()
    {
        var sharding = ClusterSharding.Get(system);
        var views = new List<RegionView>();
        foreach (var name in sharding.ShardTypeNames.Order(StringComparer.Ordinal))
        {
            var isRegion = Cluster.Get(system).SelfRoles.Contains(Hosting.AkkaCollabNodeOptions.DocRole);
            var state = isRegion ? await sharding.ShardRegion(name).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout) : null;
            views.Add(new RegionView(name, isRegion ? "region" : "proxy", state?.Shards.Count ?? 0, state?.Shards.Sum(s => s.EntityIds.Count) ?? 0));
        }
        return views;
    }

    public async Task<IReadOnlyList<NodeShards>> RegionStats(string region) =>
        [.. (await Stats(region)).Regions
            .Select(r => new NodeShards(r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum()))
            .OrderBy(n => n.Node, StringComparer.Ordinal)];

    public async Task<IReadOnlyList<ShardView>> ShardStats(string region) =>
        [.. (await Stats(region)).Regions
            .SelectMany(r => r.Value.Stats.Select(s => new ShardView(s.Key, r.Key.ToString(), s.Value)))
            .OrderBy(s => int.TryParse(s.Shard, out var n) ? n : int.MaxValue).ThenBy(s => s.Shard, StringComparer.Ordinal)];

    public async Task<LocateView> Locate(DocumentId id)
    {
        var shard = DocumentEntityHosting.MessageExtractor(shardCount).ShardId(id.Value, new DocumentAdmin.GetInfo(id));
        var stats = await Stats(DocumentRegionName);
        var host = stats.Regions.FirstOrDefault(r => r.Value.Stats.ContainsKey(shard)).Key;
        if (host is null)
        {
            return new LocateView(id.Value, shard, null, false);
        }
        // The hosting region answers for its own shards, also across the network.
        var state = await system.ActorSelection($"{host}/system/sharding/{DocumentRegionName}")
            .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout);
        var running = state.Shards.Any(s => s.ShardId == shard && s.EntityIds.Contains(id.Value));
        return new LocateView(id.Value, shard, host.ToString(), running);
    }

    private async Task<ClusterShardingStats> Stats(string region)
    {
        var sharding = ClusterSharding.Get(system);
        if (!sharding.ShardTypeNames.Contains(region))
        {
            throw new ArgumentException($"region: '{region}' is not a shard region on this node (see cluster sharding regions)");
        }
        return await sharding.ShardRegion(region).Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout + TimeSpan.FromSeconds(1));
    }
}
