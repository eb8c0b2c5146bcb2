namespace AkkaCollab.Cluster.Tests.Infrastructure;

/// Three node processes on 127.0.0.11-13 and one PostgreSQL, up for the whole suite. Every test
/// leaves all three nodes up and the network healed, as it found them.
public sealed class ChaosCluster : IAsyncLifetime
{
    // The suite's clients all edit as one user, much faster than a person: lift the per-user rates.
    private const string NodeEnvironment =
        "AkkaCollab__Security__SocketPerUserPerSecond=100000 AkkaCollab__Security__SocketPerUserBurst=100000 " +
        "AkkaCollab__Security__SocketPerDocumentPerSecond=100000 AkkaCollab__Security__SocketPerDocumentBurst=100000";

    // Join order (node 1 is the first seed and forms the cluster): a restarted node joins last.
    private readonly List<int> _upOrder = [.. Enumerable.Range(1, ClusterScript.Nodes)];

    public ClusterScript Script { get; } = new(Environment());

    /// The oldest member, which hosts the singletons (the shard coordinator).
    public int Oldest => _upOrder[0];

    public int Youngest => _upOrder[^1];

    public async Task InitializeAsync()
    {
        // A fresh journal: the coordinator's persisted allocations of earlier runs would place
        // every document on the nodes that happened to be up first.
        Script.Run("pg-start");
        await using (var connection = new Npgsql.NpgsqlConnection(PostgresUrl + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand("drop table if exists journal, snapshot, tags", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Script.RunWithin(TimeSpan.FromMinutes(3), "up");
    }

    public Task DisposeAsync()
    {
        Script.RunWithin(TimeSpan.FromMinutes(3), "down");
        return Task.CompletedTask;
    }

    /// Brings every node back (a killed or downed one is restarted) and waits until all are ready.
    public void Restore(params string[] nodeEnvironment)
    {
        Script.Run("heal");
        for (var node = 1; node <= ClusterScript.Nodes; node++)
        {
            if (!Script.StatusLine(node).Contains("running"))
            {
                Script.Run(["start", node.ToString(), .. nodeEnvironment]);
                _upOrder.Remove(node);
                _upOrder.Add(node);
            }
        }
        for (var node = 1; node <= ClusterScript.Nodes; node++)
        {
            Script.Run("wait-ready", node.ToString(), "90");
        }
    }

    private static Dictionary<string, string> Environment()
    {
        string Get(string name, string fallback) => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
        return new Dictionary<string, string>
        {
            ["AKKACOLLAB_PG_DIR"] = Get("AKKACOLLAB_PG_DIR", "/tmp/akkacollab-pg-chaos"),
            ["AKKACOLLAB_PG_PORT"] = Get("AKKACOLLAB_PG_PORT", "55439"),
            ["CLUSTER_DIR"] = Get("CLUSTER_DIR", "/tmp/akkacollab-chaos"),
            // CHAOS_NODE_ENV: more settings for every node (trying other failover values).
            ["CLUSTER_NODE_ENV"] = $"{NodeEnvironment} {Get("CHAOS_NODE_ENV", "")}".Trim(),
        };
    }

    public string PostgresUrl => Script.Run("pg-url").Trim();
}

[CollectionDefinition(Name)]
public sealed class ChaosCollection : ICollectionFixture<ChaosCluster>
{
    public const string Name = "chaos";
}
