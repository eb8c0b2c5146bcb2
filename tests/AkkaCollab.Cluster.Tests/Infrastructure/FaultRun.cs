namespace AkkaCollab.Cluster.Tests.Infrastructure;

/// One fault against a fresh swarm: warm up until every client is acked, inject, wait until
/// every client is acked after the fault has fully happened, let editing go on, then converge
/// and check every ack against the journal.
public static class FaultRun
{
    public static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    /// inject returns the moment (on the swarm's clock) from which every client must be served again.
    public static async Task<(FaultReport Report, List<string> Problems)> Exercise(
        ChaosCluster cluster, string fault, Func<Swarm, Task<TimeSpan>> inject, Func<Swarm, TimeSpan, string>? notes = null, bool measureFromSettled = false)
    {
        await using var swarm = await Swarm.Start(cluster.Script, fault);
        await swarm.UntilEveryClientAckedAfter(swarm.Now, TimeSpan.FromSeconds(60));
        var start = swarm.Now;
        var settled = await inject(swarm);
        // An ack is stamped when its client handles it, up to a step after it arrived: one
        // stamped a second after the fault was certainly answered after it.
        var sinceSettled = await swarm.UntilEveryClientAckedAfter(settled + TimeSpan.FromSeconds(1), RecoveryLimit) - TimeSpan.FromSeconds(1);
        var served = swarm.Now;
        // Normally the longest time any client went unserved; for an outage that lasts as long as
        // the test makes it (PostgreSQL stopped), the time from its end.
        var recovery = measureFromSettled ? sinceSettled : swarm.LongestAckGap(start, served);
        var worst = swarm.LongestAckGapOf(start, served);
        var worstErrors = swarm.Editors.Where(e => worst.Who.StartsWith(e.ClientId + "@", StringComparison.Ordinal))
            .SelectMany(e => e.Client!.Errors).GroupBy(e => e.Code).Select(g => $"{g.Key}:{g.Count()}");
        var worstReconnects = swarm.Editors.Where(e => worst.Who.StartsWith(e.ClientId + "@", StringComparison.Ordinal))
            .SelectMany(e => e.ReconnectedAt).Select(t => $"{(t - start).TotalSeconds:F1}");
        var affected = swarm.Affected(start, served, TimeSpan.FromSeconds(1.5));
        var extra = $"affected={affected}/{swarm.Editors.Count} worst={worst.Who} gap_end_s={(worst.EndedAt - start).TotalSeconds:F1} worst_errors=[{string.Join(",", worstErrors)}] worst_reconnects_s=[{string.Join(",", worstReconnects)}] " +
            (notes?.Invoke(swarm, start) ?? "");
        var divergent = await swarm.Converge(TimeSpan.FromSeconds(60));
        var lost = await Journal.Check(cluster.PostgresUrl, swarm.Editors);
        var violations = swarm.Editors.SelectMany(e => e.Client!.Violations.Select(v => $"{e.ClientId}: {v}")).ToList();
        var snapshots = swarm.Editors.SelectMany(e => e.Client!.UnrequestedSnapshots.Select(r => $"{e.ClientId}: unrequested snapshot at {r}")).ToList();
        var acked = swarm.Editors.Sum(e => { lock (e.Acks) return e.Acks.Count; });
        var report = new FaultReport(fault, recovery.TotalSeconds, affected, acked, lost.Count, divergent.Count, violations.Count, snapshots.Count, 0,
            $"reconnects={swarm.Editors.Sum(e => e.Reconnects)} {extra}");
        var problems = new List<string>();
        problems.AddRange(lost);
        problems.AddRange(divergent.Select(d => "divergent: " + d));
        problems.AddRange(violations);
        // Last, so that every other problem is listed first (see FaultReport).
        problems.AddRange(snapshots);
        return (report, problems);
    }

    public static int Downings(string log) => CountOf(log, "SBR is downing");

    public static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
