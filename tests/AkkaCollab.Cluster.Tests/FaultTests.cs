using AkkaCollab.Cluster.Tests.Infrastructure;
using AkkaCollab.Node.Documents;
using static AkkaCollab.Node.Documents.Messages.DocumentAdmin;

namespace AkkaCollab.Cluster.Tests;

/// Each fault once against three node processes while clients on every node edit shared
/// documents. After each: everyone converges to the server's content, every ack is in the
/// journal exactly once at its revision, no gap or double reached a client, and the time until
/// every client is served again is printed (and bounded).
[Collection(ChaosCollection.Name)]
public sealed class FaultTests(ChaosCluster cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    // Bounds that catch a document that does not come back, not the targets: the targets (kill -9
    // and partition recovery <= 10 s at p90, a rebalance stalling no healthy document over 2 s) are
    // timings of a shared machine, so tests/cluster/rounds.sh measures them over N rounds and says
    // whether each is met (docs/cluster.md), as a benchmark does.
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(10);
    private ClusterScript Script => cluster.Script;

    // The victim is a node that hosts some of the swarm's documents when the fault comes (the
    // youngest had just rejoined in one round and hosted none, so the kill interrupted nobody).
    [Fact]
    public Task After_a_kill_9_of_a_document_node_its_documents_serve_again_and_no_acked_op_is_lost() =>
        Kill9("kill9-doc-node", [cluster.Youngest, .. Enumerable.Range(1, ClusterScript.Nodes).Where(n => n != cluster.Youngest && n != cluster.Oldest)]);

    [Fact]
    public Task After_a_kill_9_of_the_oldest_node_holding_the_coordinator_documents_serve_again() =>
        Kill9("kill9-oldest", [cluster.Oldest]);

    [Fact]
    public async Task On_sigterm_a_node_drains_with_1012_exits_0_and_its_documents_move_without_loss()
    {
        var victim = cluster.Youngest;
        await Check(FailoverLimit, "sigterm", mustAffect: false, inject: swarm =>
        {
            var stopped = Script.Run("stop", victim.ToString());
            Assert.Contains("exited with 0", stopped);
            Assert.Contains("Leaving the cluster: SIGTERM received", Script.Log(victim));
            return Task.FromResult(swarm.Now);
        });
    }

    [Fact]
    public async Task A_partition_isolating_one_node_downs_it_cleanly_and_the_majority_serves_its_documents_again()
    {
        var victim = cluster.Youngest;
        await Check(FailoverLimit, "partition", async swarm =>
        {
            Script.Run("partition", victim.ToString());
            // The cut-off node downs itself (keep-majority), drains with 1012 and exits 0.
            var exit = Script.RunWithin(TimeSpan.FromSeconds(90), "wait-exit", victim.ToString(), "60").Trim();
            var exited = swarm.Now;
            Script.Run("heal");
            Assert.Equal("0", exit);
            Assert.Contains("Leaving the cluster: downed", Script.Log(victim));
            await Task.CompletedTask;
            return exited;
        });
    }

    [Fact]
    public async Task A_kill_9_during_a_rebalance_loses_nothing_and_no_healthy_document_stalls_beyond_a_hand_off()
    {
        var mover = cluster.Youngest;
        TimeSpan rejoined = default, killed = default;
        (TimeSpan Gap, TimeSpan EndedAt, string Who) stall = default;
        await Check(FailoverLimit, "kill9-during-rebalance", async swarm =>
        {
            // SIGTERM moves its shards away; when it comes back, the coordinator moves shards to it
            // a few at a time every rebalance interval: kill it in the middle of that.
            Script.Run("stop", mover.ToString());
            Script.Run("start", mover.ToString());
            Script.Run("wait-ready", mover.ToString(), "90");
            rejoined = swarm.Now;
            // It joined only once its journal was warm (the first documents moved to it do not
            // pay for cold database paths).
            var log = Script.Log(mover);
            Assert.Contains("journal warm-up took", log[log.LastIndexOf($"start node {mover}", StringComparison.Ordinal)..]);
            // The coordinator moves shards onto it a few at a time every rebalance interval
            // (10 s), any of the allocated shards: kill it once it hosts one of the swarm's
            // documents, so that the kill interrupts some (a fixed wait sometimes moved none).
            await LocalCluster.Until(async () => (await SwarmDocumentsOn(mover, swarm)).Count > 0,
                $"the coordinator moving one of the swarm's documents onto the rejoined node {mover}", TimeSpan.FromSeconds(90));
            await swarm.KeepEditing(TimeSpan.FromSeconds(2));
            killed = swarm.Now;
            stall = swarm.LongestAckGapOf(rejoined, killed);
            output.WriteLine($"longest ack gap during the rebalance: {stall.Gap.TotalSeconds:F2} s, {stall.Who}, ended at {(stall.EndedAt - rejoined).TotalSeconds:F2} s after the rejoin ({DateTime.UtcNow - (swarm.Now - stall.EndedAt):HH:mm:ss.fff} UTC)");
            Script.Run("kill", mover.ToString());
            return killed;
        }, notes: (_, _) => $"rebalance_stall_s={stall.Gap.TotalSeconds:F2}");
        Assert.True(stall.Gap <= StallLimit, $"a rebalance stalled a client {stall.Gap.TotalSeconds:F1} s (bound {StallLimit.TotalSeconds} s; target 2 s)");
    }

    [Fact]
    public async Task With_postgresql_stopped_for_10_s_no_acked_op_is_lost_and_editing_resumes_after_it_restarts()
    {
        await Check(TimeSpan.FromSeconds(45), "postgres-restart", async swarm =>
        {
            Script.Run("pg-stop");
            await swarm.KeepEditing(TimeSpan.FromSeconds(10));
            Script.Run("pg-start");
            return swarm.Now;
        }, measureFromSettled: true);
    }

    // The swarm's documents whose shards the cluster's shard statistics place on node.
    private async Task<List<string>> SwarmDocumentsOn(int node, Swarm swarm)
    {
        var stats = await cluster.Ctl(node, "--json", "cluster", "sharding", "shard-stats");
        if (stats.ExitCode != 0)
        {
            return [];
        }
        var here = stats.Json.EnumerateArray().Where(s => s.GetProperty("node").GetString() == cluster.Address(node))
            .Select(s => s.GetProperty("shard").GetString()).ToHashSet();
        var shards = DocumentEntityHosting.MessageExtractor(100);
        return [.. swarm.Docs.Where(d => here.Contains(shards.ShardId(d, new GetInfo(DocumentId.Parse(d)))))];
    }

    private Task Kill9(string fault, int[] candidates) =>
        Check(FailoverLimit, fault, async swarm =>
        {
            var victim = 0;
            // Shards move every rebalance interval (10 s): wait for one of the candidates to host a document.
            await LocalCluster.Until(async () =>
            {
                foreach (var node in candidates)
                {
                    if ((await SwarmDocumentsOn(node, swarm)).Count > 0)
                    {
                        victim = node;
                        return true;
                    }
                }
                return false;
            }, $"one of nodes {string.Join(", ", candidates)} hosting one of the swarm's documents", TimeSpan.FromSeconds(90));
            Script.Run("kill", victim.ToString());
            return swarm.Now;
        });

    private async Task Check(TimeSpan limit, string fault, Func<Swarm, Task<TimeSpan>> inject,
        Func<Swarm, TimeSpan, string>? notes = null, bool measureFromSettled = false, bool mustAffect = true)
    {
        cluster.Restore();
        try
        {
            var (report, problems) = await FaultRun.Exercise(cluster, fault, inject, notes, measureFromSettled);
            report.Publish(output);
            foreach (var problem in problems.Take(20))
            {
                output.WriteLine("  " + problem);
            }
            if (mustAffect)
            {
                Assert.True(report.Affected > 0, $"{fault}: no client was interrupted: the faulted node hosted none of the documents");
            }
            Assert.True(report.RecoverySeconds <= limit.TotalSeconds, $"{fault}: served again only after {report.RecoverySeconds:F1} s (limit {limit.TotalSeconds} s)");
            Assert.True(problems.Count == 0, $"{fault}: {problems.Count} problems:\n  " + string.Join("\n  ", problems.Take(40)));
        }
        finally
        {
            cluster.Restore();
        }
    }
}
