using AkkaCollab.Cluster.Tests.Infrastructure;

namespace AkkaCollab.Cluster.Tests.Ops;

/// The commands that change membership, against three node processes: each test leaves, downs,
/// partitions or re-joins node 3 and restores the cluster after itself.
[Collection(OpsCollection.Name)]
public sealed class MembershipCommandTests(OpsCluster cluster)
{
    private async Task<List<string>> Members(int asked)
    {
        var view = (await cluster.Ctl(asked, "--json", "cluster", "show")).Json;
        return [.. view.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("address").GetString()!).Order(StringComparer.Ordinal)];
    }

    private Task UntilGoneFromTheOthers(int gone) =>
        LocalCluster.Until(async () =>
        {
            foreach (var node in Enumerable.Range(1, ClusterScript.Nodes).Where(n => n != gone))
            {
                if ((await Members(node)).Contains(cluster.Address(gone)))
                {
                    return false;
                }
            }
            return true;
        }, $"node {gone} removed from the other nodes' membership", TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Cluster_leave_makes_the_member_hand_off_leave_and_exit_0()
    {
        cluster.Restore();
        try
        {
            var run = await cluster.Ctl(1, "cluster", "leave", cluster.Address(3));
            Assert.Equal(0, run.ExitCode);
            Assert.Equal($"{cluster.Address(3)} leaving\n", run.Out);
            await UntilGoneFromTheOthers(3);
            Assert.Equal("0", cluster.Script.Run("wait-exit", "3", "60").Trim());
            Assert.Contains("Leaving the cluster", cluster.Script.Log(3));
            Assert.Equal([cluster.Address(1), cluster.Address(2)], await Members(2));
        }
        finally
        {
            cluster.Restore();
        }
    }

    [Fact]
    public async Task Cluster_down_removes_the_member_which_learns_it_was_downed_and_exits()
    {
        cluster.Restore();
        try
        {
            var run = await cluster.Ctl(2, "cluster", "down", cluster.Address(3));
            Assert.Equal(0, run.ExitCode);
            Assert.Equal($"{cluster.Address(3)} marked down\n", run.Out);
            await UntilGoneFromTheOthers(3);
            Assert.Equal("0", cluster.Script.Run("wait-exit", "3", "60").Trim());
            Assert.Contains("Leaving the cluster: downed", cluster.Script.Log(3));
            Assert.Equal([cluster.Address(1), cluster.Address(2)], await Members(1));
        }
        finally
        {
            cluster.Restore();
        }
    }

    [Fact]
    public async Task Cluster_down_unreachable_with_every_member_reachable_downs_nobody()
    {
        cluster.Restore();
        var run = await cluster.Ctl(1, "cluster", "down-unreachable");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("no unreachable members\n", run.Out);
        Assert.Equal(Enumerable.Range(1, ClusterScript.Nodes).Select(cluster.Address).Order(StringComparer.Ordinal), await Members(1));
    }

    [Fact]
    public async Task Cluster_down_unreachable_downs_a_partitioned_node_and_its_documents_serve_again_on_the_majority()
    {
        cluster.Restore();
        try
        {
            // A document whose authority runs on node 3, with three acked ops.
            var doc = await DocumentOn(3);
            await using (var editor = await cluster.Client(1, doc, "before-cut"))
            {
                for (var i = 0; i < 3; i++)
                {
                    await editor.Edit(Protocol.Deltas.Delta.Empty.Insert("p"));
                    await editor.ProcessUntil(() => editor.Synchronized, TimeSpan.FromSeconds(15));
                }
            }

            cluster.Script.Run("partition", "3");
            // The resolver waits 10 minutes here (OpsCluster): node 3 stays unreachable until the command.
            await LocalCluster.Until(async () =>
            {
                var view = (await cluster.Ctl(1, "--json", "cluster", "show")).Json;
                return view.GetProperty("unreachable").EnumerateArray().Select(a => a.GetString()).SequenceEqual([cluster.Address(3)]);
            }, "node 3 unreachable in node 1's view");
            var table = await cluster.Ctl(1, "cluster", "show");
            Assert.Matches($@"{cluster.Address(3).Replace(".", @"\.")}\s+Up\s+no\s+doc,web\n", table.Out);

            var run = await cluster.Ctl(1, "cluster", "down-unreachable");
            Assert.Equal(0, run.ExitCode);
            Assert.Equal($"marked down: {cluster.Address(3)}\n", run.Out);
            await UntilGoneFromTheOthers(3);

            // Its document is served by the majority again, with every acked op.
            await LocalCluster.Until(async () => (await cluster.Ctl(2, "doc", "info", doc)).ExitCode == 0, "the document served again", TimeSpan.FromSeconds(60));
            var info = (await cluster.Ctl(2, "--json", "doc", "info", doc)).Json;
            Assert.Equal(3, info.GetProperty("revision").GetInt64());
            Assert.Contains(info.GetProperty("node").GetString(), new[] { cluster.Address(1), cluster.Address(2) });
        }
        finally
        {
            cluster.Script.Run("heal");
            // Downed but cut off, node 3 never heard of it; it is quarantined now, and a SIGTERM
            // would wait for a leave nobody answers: kill it, as an operator would.
            if (cluster.Script.Running(3))
            {
                cluster.Script.Run("kill", "3");
                cluster.Script.Run("wait-exit", "3", "30");
            }
            cluster.Restore();
        }
    }

    [Fact]
    public async Task Cluster_join_makes_a_node_that_is_not_a_member_join_and_a_member_refuses()
    {
        cluster.Restore();
        try
        {
            // Node 3 comes back with seeds where nothing listens: it runs, but joins nobody.
            cluster.Script.Run("stop", "3");
            await UntilGoneFromTheOthers(3);
            var nowhere = "akka.tcp://akkacollab@127.0.0.23:1";
            cluster.Script.Run("start", "3", $"AkkaCollab__Node__SeedNodes__0={nowhere}", $"AkkaCollab__Node__SeedNodes__1={nowhere}", $"AkkaCollab__Node__SeedNodes__2={nowhere}");
            await LocalCluster.Until(async () => (await cluster.Ctl(3, "cluster", "show")).ExitCode == 0, "node 3's admin endpoint answering", TimeSpan.FromSeconds(60));
            Assert.DoesNotContain(cluster.Address(3), await Members(1));

            var run = await cluster.Ctl(3, "cluster", "join", cluster.Address(1));
            Assert.Equal(0, run.ExitCode);
            Assert.Equal($"{cluster.Address(3)} joining {cluster.Address(1)}\n", run.Out);
            await LocalCluster.Until(async () =>
            {
                var view = (await cluster.Ctl(1, "--json", "cluster", "show")).Json;
                return view.GetProperty("members").EnumerateArray().Any(m => m.GetProperty("address").GetString() == cluster.Address(3) && m.GetProperty("status").GetString() == "Up");
            }, "node 3 Up in node 1's view", TimeSpan.FromSeconds(60));
            cluster.Script.Run("wait-ready", "3", "60");

            var refused = await cluster.Ctl(1, "cluster", "join", cluster.Address(2));
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"{cluster.Address(1)} is already Up in a cluster", refused.Err);
        }
        finally
        {
            // Back with its normal seeds.
            cluster.StopIfRunning(3);
            cluster.Restore();
        }
    }

    private async Task<string> DocumentOn(int node)
    {
        for (var i = 0; i < 60; i++)
        {
            var doc = $"cut-{Guid.NewGuid():N}"[..12];
            // Asking for it starts its authority, which allocates its shard.
            Assert.Equal(0, (await cluster.Ctl(1, "doc", "info", doc)).ExitCode);
            var located = (await cluster.Ctl(1, "--json", "doc", "locate", doc)).Json;
            if (located.GetProperty("node").GetString() == cluster.Address(node))
            {
                return doc;
            }
        }
        throw new InvalidOperationException($"no document of 60 was placed on node {node}");
    }
}
