using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Actor;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Admin;

/// The read-only cluster and sharding commands against two running nodes, each output checked
/// against the cluster's own state (Cluster.State, the regions' GetShardRegionState).
[Collection(TwoNodeCluster.Collection)]
public sealed class ClusterCommandTests(TwoNodeCluster cluster)
{
    private CollabServer A => cluster.A;
    private CollabServer B => cluster.B;

    [Fact]
    public async Task Cluster_show_lists_every_member_with_status_roles_reachability_leader_and_oldest()
    {
        var run = await B.Ctl("cluster", "show");
        Assert.Equal(0, run.ExitCode);
        var state = Cluster.Get(B.System()).State;
        Assert.Contains($"self:   {B.Address()}", run.Out);
        Assert.Contains($"leader: {state.Leader}", run.Out);
        var oldest = state.Members.Where(m => m.Status == MemberStatus.Up).Aggregate((o, m) => m.IsOlderThan(o) ? m : o);
        Assert.Equal(A.Address(), oldest.Address.ToString());
        Assert.Contains($"oldest: {oldest.Address}", run.Out);
        foreach (var member in state.Members)
        {
            Assert.Matches($@"{member.Address.ToString().Replace(".", @"\.")}\s+{member.Status}\s+yes\s+doc,web", run.Out);
        }

        var json = (await B.Ctl("--json", "cluster", "show")).Json;
        Assert.Equal(state.Members.Count, json.GetProperty("members").GetArrayLength());
        Assert.Equal(0, json.GetProperty("unreachable").GetArrayLength());
    }

    [Fact]
    public async Task Sharding_region_stats_and_shard_stats_match_each_nodes_region_state()
    {
        // Enough documents that both nodes host shards.
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(0, (await A.Ctl("doc", "info", $"stats-{i}")).ExitCode);
        }
        var real = new Dictionary<string, CurrentShardRegionState>();
        foreach (var node in new[] { A, B })
        {
            real[node.Address()] = await ClusterSharding.Get(node.System()).ShardRegion("document")
                .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        }
        Assert.All(real.Values, r => Assert.NotEmpty(r.Shards));

        var regions = (await A.Ctl("--json", "cluster", "sharding", "region-stats")).Json;
        Assert.Equal(2, regions.GetArrayLength());
        foreach (var row in regions.EnumerateArray())
        {
            var state = real[row.GetProperty("node").GetString()!];
            Assert.Equal(state.Shards.Count, row.GetProperty("shards").GetInt32());
            Assert.Equal(state.Shards.Sum(s => s.EntityIds.Count), row.GetProperty("entities").GetInt32());
        }
        var shards = (await A.Ctl("--json", "cluster", "sharding", "shard-stats")).Json;
        var expected = real.SelectMany(r => r.Value.Shards.Select(s => (s.ShardId, Node: r.Key, s.EntityIds.Count))).OrderBy(s => s.ShardId).ToList();
        var actual = shards.EnumerateArray().Select(s => (s.GetProperty("shard").GetString()!, s.GetProperty("node").GetString()!, s.GetProperty("entities").GetInt32())).OrderBy(s => s.Item1).ToList();
        Assert.Equal(expected, actual);

        var table = await A.Ctl("cluster", "sharding", "regions");
        Assert.Equal(0, table.ExitCode);
        var here = real[A.Address()];
        Assert.Matches($@"document\s+region\s+{here.Shards.Count}\s+{here.Shards.Sum(s => s.EntityIds.Count)}", table.Out);
        var text = await A.Ctl("cluster", "sharding", "region-stats");
        Assert.Matches($@"{A.Address().Replace(".", @"\.")}\s+{here.Shards.Count}\s+{here.Shards.Sum(s => s.EntityIds.Count)}", text.Out);
    }

    [Fact]
    public async Task An_unknown_region_is_refused_with_exit_1()
    {
        var run = await A.Ctl("cluster", "sharding", "shard-stats", "--region", "nope");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a shard region", run.Err);
    }

    [Fact]
    public async Task Cluster_down_unreachable_with_everyone_reachable_downs_nobody()
    {
        var run = await A.Ctl("cluster", "down-unreachable");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("no unreachable members\n", run.Out);
        Assert.Equal(2, Cluster.Get(A.System()).State.Members.Count(m => m.Status == MemberStatus.Up));
    }

    [Fact]
    public async Task Cluster_tail_streams_the_current_members_first_and_ends_cleanly_when_interrupted()
    {
        using var cancel = new CancellationTokenSource();
        var inner = new StringWriter();
        var output = TextWriter.Synchronized(inner);
        var tail = Task.Run(() => Web.Admin.Ctl.CtlCommand.Run(["--node", A.AdminUri().ToString(), "--token", AdminNodes.Token, "cluster", "tail"], output, new StringWriter(), cancel.Token));
        await AdminNodes.Until(() => Lines(output, inner).Count(l => l.Contains("MemberUp")) >= 2, "two MemberUp lines");
        cancel.Cancel();
        Assert.Equal(0, await tail.WaitAsync(TimeSpan.FromSeconds(10)));
        foreach (var member in Cluster.Get(A.System()).State.Members)
        {
            Assert.Contains(Lines(output, inner), l => l.Contains("MemberUp") && l.Contains(member.Address.ToString()) && l.EndsWith("Up", StringComparison.Ordinal));
        }
    }

    // The synchronized writer locks itself on each write.
    private static List<string> Lines(TextWriter output, StringWriter inner)
    {
        lock (output)
        {
            return [.. inner.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
    }
}
