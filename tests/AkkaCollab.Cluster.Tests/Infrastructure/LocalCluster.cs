using AkkaCollab.Tests.Shared;

namespace AkkaCollab.Cluster.Tests.Infrastructure;

/// Three node processes of tests/cluster/cluster.sh and their own PostgreSQL, up for a whole
/// collection of tests. Each test leaves all three nodes up and the network healed, as it found
/// them. Subclasses give the addresses, ports, directories and node settings.
public abstract class LocalCluster : IAsyncLifetime
{
    // Join order (node 1 is the first seed and forms the cluster): a restarted node joins last.
    private readonly List<int> _upOrder = [.. Enumerable.Range(1, ClusterScript.Nodes)];

    protected LocalCluster(IReadOnlyDictionary<string, string> environment) => Script = new ClusterScript(environment);

    public ClusterScript Script { get; }

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

    /// Brings every node back (a killed, downed or departed one is restarted) and waits until all are ready.
    public void Restore(params string[] nodeEnvironment)
    {
        Script.Run("heal");
        for (var node = 1; node <= ClusterScript.Nodes; node++)
        {
            if (!Script.Running(node))
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

    /// Stops node (SIGTERM, waiting for its exit) when it is still running, so that Restore starts it afresh.
    public void StopIfRunning(int node)
    {
        if (Script.Running(node))
        {
            Script.Run("stop", node.ToString());
        }
    }

    public string PostgresUrl => Script.Run("pg-url").Trim();

    /// Every node's admin token (AkkaCollab__Admin__Token, in each subclass's node settings).
    public const string AdminToken = "local-cluster-admin-token-0123456789";

    protected const string AdminSetting = $"AkkaCollab__Admin__Token={AdminToken}";

    /// `ctl --node <node's admin URL> args…`, the built binary, the token from the environment.
    public Task<CtlRun> Ctl(int node, params string[] args) => Infrastructure.Ctl.Run(Script.AdminUrl(node), AdminToken, args);

    public string Address(int node) => Script.Address(node);

    /// Polls condition until it holds, at most timeout (30 s), then fails naming what was awaited.
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {limit}: {what}");
            }
            await Task.Delay(200);
        }
    }

    protected static string Setting(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
