using System.Diagnostics;
using AkkaCollab.Cluster.Tests.Infrastructure;

namespace AkkaCollab.Cluster.Tests;

/// The failover settings must not down a live node: heavy editing, both cores saturated by a
/// CPU hog, and one node forced into a blocking full GC twice a second, for 60 s.
[Collection(ChaosCollection.Name)]
public sealed class FalseDownTests(ChaosCluster cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string ForcedGc = "AkkaCollab__Node__TestOnlyForcedFullGcInterval=00:00:00.500";

    [Fact]
    public async Task Sixty_seconds_of_heavy_load_cpu_hogs_and_forced_full_gcs_down_no_member()
    {
        var script = cluster.Script;
        cluster.Restore();
        var gcNode = cluster.Youngest;
        script.Run("stop", gcNode.ToString());
        cluster.Restore(ForcedGc);
        var hogs = new List<Process>();
        try
        {
            var logs = Enumerable.Range(1, ClusterScript.Nodes).Select(script.LogLength).ToArray();
            await using var swarm = await Swarm.Start(script, "false-down", docs: 12, clientsPerDoc: 3);
            await swarm.UntilEveryClientAckedAfter(swarm.Now, TimeSpan.FromSeconds(60));
            for (var i = 0; i < Environment.ProcessorCount; i++)
            {
                hogs.Add(Process.Start("sh", ["-c", "while :; do :; done"]));
            }
            var start = swarm.Now;
            await swarm.KeepEditing(TimeSpan.FromSeconds(60));
            var stall = swarm.LongestAckGap(start, swarm.Now);
            foreach (var hog in hogs)
            {
                hog.Kill();
            }
            var grown = Enumerable.Range(1, ClusterScript.Nodes).Select(n => script.Log(n)[logs[n - 1]..]).ToList();
            var downs = grown.Sum(FaultRun.Downings);
            var unreachable = grown.Sum(l => FaultRun.CountOf(l, "Marking node(s) as UNREACHABLE"));
            var exited = Enumerable.Range(1, ClusterScript.Nodes).Where(n => !script.Running(n)).ToList();
            var divergent = await swarm.Converge(TimeSpan.FromSeconds(60));
            var lost = await Journal.Check(cluster.PostgresUrl, swarm.Editors);
            var acked = swarm.Editors.Sum(e => { lock (e.Acks) return e.Acks.Count; });
            new FaultReport("false-down-load", stall.TotalSeconds, swarm.Affected(start, swarm.Now, TimeSpan.FromSeconds(1.5)), acked, lost.Count, divergent.Count, 0, 0, downs + exited.Count,
                $"unreachable_marks={unreachable} gc_node={gcNode}").Publish(output);

            Assert.Equal(0, downs);
            Assert.Empty(exited);
            Assert.Empty(divergent);
            Assert.Empty(lost);
        }
        finally
        {
            foreach (var hog in hogs.Where(h => !h.HasExited))
            {
                hog.Kill();
            }
            // Back to a node without forced GCs for the other tests.
            if (script.Running(gcNode))
            {
                script.Run("stop", gcNode.ToString());
            }
            cluster.Restore();
        }
    }
}
