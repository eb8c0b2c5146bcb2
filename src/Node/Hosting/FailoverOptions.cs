namespace AkkaCollab.Node.Hosting;

// How fast a dead or cut-off node is detected, downed and its documents started elsewhere
// (section "AkkaCollab:Node:Failover"). Defaults aim at a dead node's documents serving again
// within about 5-10 s without downing a live node that stalls for a second or two; docs/cluster.md
// has the measurements behind them.
public sealed class FailoverOptions
{
    // Cluster failure detector (phi accrual): a member is unreachable after roughly
    // HeartbeatInterval + AcceptableHeartbeatPause without heartbeats.
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(1.5);
    public double FailureThreshold { get; set; } = 8.0;

    // How often the leader looks for members to mark unreachable (Akka: 1 s, added to detection).
    public TimeSpan UnreachableReaperInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    // After a member is removed, how long singletons and the sharding coordinator wait before
    // starting its shards elsewhere. Akka defaults it to the resolver's stable-after (a second
    // wait as long as the first); the other side has downed itself by then (same stable-after),
    // and the journal's unique (persistence_id, sequence_number) key refuses a second writer.
    public TimeSpan DownRemovalMargin { get; set; } = TimeSpan.FromSeconds(1);

    // Sharding: a hand-off (rebalance, leaving node) gives up after HandOffTimeout instead of 60 s.
    public TimeSpan HandOffTimeout { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(10);

    // How soon a failed coordinator restarts, and how often regions retry registering and
    // asking for shard homes (Akka: 5 s and 2 s).
    public TimeSpan CoordinatorFailureBackoff { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    // How long the coordinator waits for an allocated shard to start before allocating it again.
    public TimeSpan ShardStartTimeout { get; set; } = TimeSpan.FromSeconds(5);

    // After PostgreSQL fails, how long the journal's and snapshot store's circuit breakers stay
    // open before trying again (Akka: 30 s; each retry also flushes a dead pooled connection,
    // so a restarted database was reached only after a minute or more).
    public TimeSpan JournalBreakerResetTimeout { get; set; } = TimeSpan.FromSeconds(2);

    // A node with seed nodes warms its journal before it joins (JournalWarmUp): at most this long.
    public TimeSpan JournalWarmUpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> Validate(string section)
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add($"{section}:{message}");
            }
        }
        Check(HeartbeatInterval >= TimeSpan.FromMilliseconds(100), $"HeartbeatInterval must be at least 100ms, got {HeartbeatInterval}");
        Check(AcceptableHeartbeatPause >= HeartbeatInterval, $"AcceptableHeartbeatPause must be at least HeartbeatInterval ({HeartbeatInterval}), got {AcceptableHeartbeatPause}");
        Check(UnreachableReaperInterval >= TimeSpan.FromMilliseconds(50), $"UnreachableReaperInterval must be at least 50ms, got {UnreachableReaperInterval}");
        Check(FailureThreshold is >= 1 and <= 100, $"FailureThreshold must be 1-100, got {FailureThreshold}");
        Check(DownRemovalMargin >= TimeSpan.FromMilliseconds(100), $"DownRemovalMargin must be at least 100ms (zero would mean Akka's default, stable-after), got {DownRemovalMargin}");
        Check(HandOffTimeout >= TimeSpan.FromSeconds(1), $"HandOffTimeout must be at least 1s, got {HandOffTimeout}");
        Check(RebalanceInterval >= TimeSpan.FromSeconds(1), $"RebalanceInterval must be at least 1s, got {RebalanceInterval}");
        Check(CoordinatorFailureBackoff >= TimeSpan.FromMilliseconds(100), $"CoordinatorFailureBackoff must be at least 100ms, got {CoordinatorFailureBackoff}");
        Check(RetryInterval >= TimeSpan.FromMilliseconds(100), $"RetryInterval must be at least 100ms, got {RetryInterval}");
        Check(JournalBreakerResetTimeout >= TimeSpan.FromMilliseconds(100), $"JournalBreakerResetTimeout must be at least 100ms, got {JournalBreakerResetTimeout}");
        Check(ShardStartTimeout >= TimeSpan.FromSeconds(1), $"ShardStartTimeout must be at least 1s, got {ShardStartTimeout}");
        Check(JournalWarmUpTimeout > TimeSpan.Zero, $"JournalWarmUpTimeout must be positive, got {JournalWarmUpTimeout}");
        return errors;
    }
}
