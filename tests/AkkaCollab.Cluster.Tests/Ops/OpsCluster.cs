using AkkaCollab.Cluster.Tests.Infrastructure;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Cluster.Tests.Ops;

/// The cluster the ops commands are tested against: three node processes of cluster.sh on
/// 127.0.0.21-23 (apart from the chaos suite's), PostgreSQL on 55441, each node's admin endpoint
/// on port 9110 of its own address with an admin token. The split-brain resolver waits 10
/// minutes before it decides, so that an unreachable member stays unreachable until the
/// operator's command (cluster down-unreachable) decides instead; and the coordinator does not
/// rebalance (every hour), so that shards stay where they were allocated while a test compares
/// the answers of several commands (a node that rejoined would otherwise receive shards every
/// 10 s, between two of them).
public sealed class OpsCluster() : LocalCluster(Settings())
{
    private static Dictionary<string, string> Settings() => new()
    {
        ["CLUSTER_ADDRS"] = "127.0.0.21 127.0.0.22 127.0.0.23",
        ["CLUSTER_HTTP_PORT"] = "5200",
        ["CLUSTER_REMOTE_PORT"] = "4200",
        ["CLUSTER_NFT_TABLE"] = "akkacollab_ops",
        ["CLUSTER_DIR"] = "/tmp/akkacollab-ops",
        ["AKKACOLLAB_PG_DIR"] = "/tmp/akkacollab-pg-ops",
        ["AKKACOLLAB_PG_PORT"] = "55441",
        ["CLUSTER_NODE_ENV"] = $"{AdminSetting} AkkaCollab__Node__SbrStableAfter=00:10:00 AkkaCollab__Node__Failover__RebalanceInterval=01:00:00",
    };

    /// An OT client of user on node, subscribed to doc.
    public Task<OtClient> Client(int node, string doc, string clientId, string user = "alice") =>
        OtClient.Start(() => WireClient.Connect(Script.WebSocketUrl(node), user), doc, clientId);
}

[CollectionDefinition(Name)]
public sealed class OpsCollection : ICollectionFixture<OpsCluster>
{
    public const string Name = "ops";
}
