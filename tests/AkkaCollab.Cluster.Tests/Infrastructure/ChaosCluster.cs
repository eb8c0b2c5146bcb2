namespace AkkaCollab.Cluster.Tests.Infrastructure;

/// The chaos suite's cluster: 127.0.0.11-13 and PostgreSQL on 55439 unless the environment says
/// otherwise (tests/cluster/rounds.sh runs it on addresses of its own), faulted one fault at a time.
public sealed class ChaosCluster() : LocalCluster(Settings())
{
    // The suite's clients all edit as one user, much faster than a person: lift the per-user rates.
    private const string NodeEnvironment =
        "AkkaCollab__Security__SocketPerUserPerSecond=100000 AkkaCollab__Security__SocketPerUserBurst=100000 " +
        "AkkaCollab__Security__SocketPerDocumentPerSecond=100000 AkkaCollab__Security__SocketPerDocumentBurst=100000";

    private static Dictionary<string, string> Settings() => new()
    {
        ["AKKACOLLAB_PG_DIR"] = Setting("AKKACOLLAB_PG_DIR", "/tmp/akkacollab-pg-chaos"),
        ["AKKACOLLAB_PG_PORT"] = Setting("AKKACOLLAB_PG_PORT", "55439"),
        ["CLUSTER_DIR"] = Setting("CLUSTER_DIR", "/tmp/akkacollab-chaos"),
        // CHAOS_NODE_ENV: more settings for every node (trying other failover values).
        ["CLUSTER_NODE_ENV"] = $"{NodeEnvironment} {AdminSetting} {Setting("CHAOS_NODE_ENV", "")}".Trim(),
    };
}

[CollectionDefinition(Name)]
public sealed class ChaosCollection : ICollectionFixture<ChaosCluster>
{
    public const string Name = "chaos";
}
