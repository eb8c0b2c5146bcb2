using Akka.Actor;
using Akka.Configuration;
using AkkaCollab.Node.Admin;
using AkkaCollab.Node.Hosting;

namespace AkkaCollab.Node.Tests.Hosting;

// The node's first join decides: an operator's `cluster join` while the journal warm-up runs
// claims it, so the warm-up does not join the configured seed nodes after it.
public sealed class ClusterJoinSpecs
{
    private static readonly Config Cluster = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.loglevel = WARNING
        """);

    [Fact]
    public async Task An_operators_join_claims_the_nodes_join_so_a_later_seed_join_is_skipped()
    {
        using var system = ActorSystem.Create("join-" + Guid.NewGuid().ToString("N")[..8], Cluster);
        try
        {
            // Nothing listens on port 1: the join itself goes nowhere, the claim is what is tried.
            var joined = ClusterAdmin.Join(system, $"akka.tcp://{system.Name}@127.0.0.1:1");

            Assert.True(joined.Ok, joined.Message);
            Assert.False(ClusterJoin.For(system).TryClaim());
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task The_first_claim_wins_once_per_node()
    {
        using var system = ActorSystem.Create("claim-" + Guid.NewGuid().ToString("N")[..8], Cluster);
        try
        {
            Assert.True(ClusterJoin.For(system).TryClaim());
            Assert.False(ClusterJoin.For(system).TryClaim());
        }
        finally
        {
            await system.Terminate();
        }
    }
}
