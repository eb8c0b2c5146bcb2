using System.Text.Json;
using AkkaCollab.Cluster.Tests.Infrastructure;

namespace AkkaCollab.Cluster.Tests.Ops;

/// The read-only cluster and sharding commands, run as the built binary against three node
/// processes. Each answer is checked against what the script started (its addresses) and against
/// what the other nodes, asked separately, say of themselves.
[Collection(OpsCollection.Name)]
public sealed class ClusterCommandTests(OpsCluster cluster)
{
    private static readonly int[] Nodes = [.. Enumerable.Range(1, ClusterScript.Nodes)];

    [Fact]
    public async Task Cluster_show_on_every_node_lists_the_three_processes_up_and_reachable_with_one_leader_and_the_oldest()
    {
        cluster.Restore();
        var all = Nodes.Select(cluster.Address).Order(StringComparer.Ordinal).ToList();
        foreach (var node in Nodes)
        {
            var view = (await cluster.Ctl(node, "--json", "cluster", "show")).Json;
            Assert.Equal(cluster.Address(node), view.GetProperty("self").GetString());
            var members = view.GetProperty("members").EnumerateArray().ToList();
            Assert.Equal(all, members.Select(m => m.GetProperty("address").GetString()!).Order(StringComparer.Ordinal));
            Assert.All(members, m =>
            {
                Assert.Equal("Up", m.GetProperty("status").GetString());
                Assert.True(m.GetProperty("reachable").GetBoolean());
                Assert.Equal(["doc", "web"], m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));
            });
            Assert.Equal(0, view.GetProperty("unreachable").GetArrayLength());
            // The leader is the lowest address of the Up members (127.0.0.21); the oldest is the
            // node that has been up longest.
            Assert.Equal(cluster.Address(1), view.GetProperty("leader").GetString());
            Assert.Equal(cluster.Address(cluster.Oldest), view.GetProperty("oldest").GetString());
        }

        var table = await cluster.Ctl(2, "cluster", "show");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"self:   {cluster.Address(2)}\n", table.Out);
        Assert.Contains($"leader: {cluster.Address(1)}\n", table.Out);
        foreach (var address in all)
        {
            Assert.Matches($@"{address.Replace(".", @"\.")}\s+Up\s+yes\s+doc,web\n", table.Out);
        }
    }

    [Fact]
    public async Task Sharding_region_stats_and_shard_stats_agree_with_what_each_node_says_it_hosts()
    {
        cluster.Restore();
        // Enough documents that every node hosts shards: asking for one starts its authority.
        var docs = Enumerable.Range(0, 15).Select(i => $"stats-{Guid.NewGuid():N}"[..14] + i).ToList();
        foreach (var doc in docs)
        {
            Assert.Equal(0, (await cluster.Ctl(1, "doc", "info", doc)).ExitCode);
        }
        // What each node's own region says it hosts, asked of that node.
        var here = new Dictionary<string, (int Shards, int Entities)>();
        foreach (var node in Nodes)
        {
            var regions = (await cluster.Ctl(node, "--json", "cluster", "sharding", "regions")).Json;
            var document = regions.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "document");
            Assert.Equal("region", document.GetProperty("kind").GetString());
            here[cluster.Address(node)] = (document.GetProperty("shardsHere").GetInt32(), document.GetProperty("entitiesHere").GetInt32());
        }
        Assert.All(here.Values, h => Assert.True(h.Shards > 0, "a node hosts no shard"));

        var regionStats = (await cluster.Ctl(1, "--json", "cluster", "sharding", "region-stats")).Json;
        Assert.Equal(here, regionStats.EnumerateArray().ToDictionary(
            r => r.GetProperty("node").GetString()!, r => (r.GetProperty("shards").GetInt32(), r.GetProperty("entities").GetInt32())));

        var shardStats = (await cluster.Ctl(2, "--json", "cluster", "sharding", "shard-stats")).Json.EnumerateArray()
            .Select(s => (Shard: s.GetProperty("shard").GetString()!, Node: s.GetProperty("node").GetString()!, Entities: s.GetProperty("entities").GetInt32())).ToList();
        Assert.Equal(here, shardStats.GroupBy(s => s.Node).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(s => s.Entities))));
        // Every document is on the node that hosts its shard, as doc locate (asked of a third node) says.
        foreach (var doc in docs)
        {
            var located = (await cluster.Ctl(3, "--json", "doc", "locate", doc)).Json;
            Assert.Contains((located.GetProperty("shard").GetString()!, located.GetProperty("node").GetString()!),
                shardStats.Select(s => (s.Shard, s.Node)));
        }

        var text = await cluster.Ctl(1, "cluster", "sharding", "region-stats");
        foreach (var (address, (shards, entities)) in here)
        {
            Assert.Matches($@"{address.Replace(".", @"\.")}\s+{shards}\s+{entities}\n", text.Out);
        }
        var regionsTable = await cluster.Ctl(3, "cluster", "sharding", "regions");
        Assert.Matches($@"document\s+region\s+{here[cluster.Address(3)].Shards}\s+{here[cluster.Address(3)].Entities}\n", regionsTable.Out);
    }

    [Fact]
    public async Task An_unknown_region_is_refused_with_exit_1_and_names_the_problem()
    {
        var run = await cluster.Ctl(1, "cluster", "sharding", "shard-stats", "--region", "nope");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a shard region", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Cluster_tail_streams_the_members_then_a_real_departure_and_ends_with_exit_0_on_ctrl_c()
    {
        cluster.Restore();
        var leaver = cluster.Address(3);
        using (var tail = new Ctl.Streaming(cluster.Script.AdminUrl(1), LocalCluster.AdminToken, "cluster", "tail"))
        {
            await LocalCluster.Until(() => Task.FromResult(tail.Lines.Count(l => l.Contains("MemberUp")) >= 3), "three MemberUp lines");
            foreach (var node in Nodes)
            {
                Assert.Contains(tail.Lines, l => l.Contains("MemberUp") && l.Contains(cluster.Address(node)) && l.EndsWith("Up", StringComparison.Ordinal));
            }
            // Node 3 stops (SIGTERM): node 1 sees it leave, exit and be removed.
            Assert.Contains("exited with 0", cluster.Script.Run("stop", "3"));
            await LocalCluster.Until(() => Task.FromResult(tail.Lines.Any(l => l.Contains("MemberRemoved") && l.Contains(leaver))), "MemberRemoved of node 3");
            var events = tail.Lines.Where(l => l.Contains(leaver)).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Trim()).ToList();
            // Node 1, the leader, sees it Leaving before it moves it to Exiting.
            Assert.Equal("MemberUp", events[0]);
            Assert.Contains("MemberLeft", events);
            Assert.Equal("MemberRemoved", events[^1]);
            Assert.Equal(0, await tail.Interrupt());
        }
        cluster.Restore();
    }
}
