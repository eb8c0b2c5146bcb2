using System.Net.WebSockets;
using Akka.Actor;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaCollab.Cluster.Tests;

/// Cluster.Leave (an operator's `cluster leave`) drains like SIGTERM: the node's sockets close
/// with 1012 while its actor system is still running, before it terminates.
public sealed class LeaveTests
{
    [Fact]
    public async Task A_node_that_leaves_the_cluster_closes_its_sockets_with_1012_before_its_actor_system_stops()
    {
        await using var server = await CollabServer.Start();
        var system = server.App.Services.GetRequiredService<ActorSystem>();
        await using var client = await server.Connect("alice");
        await client.Send(new ClientMessages.Subscribe("leave-doc", null));
        await client.ReceiveSkippingNoise();
        var terminatedBeforeClose = false;

        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.Leave(cluster.SelfAddress);
        var status = await client.ReadUntilClosed(TimeSpan.FromSeconds(30));
        terminatedBeforeClose = system.WhenTerminated.IsCompleted;
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((WebSocketCloseStatus)CloseCodes.ServiceRestart, status);
        Assert.False(terminatedBeforeClose, "the socket closed only after the actor system had stopped");
        Assert.Equal(1, server.Metrics.ClosedWith(CloseCodes.ServiceRestart));
        Assert.IsType<CoordinatedShutdown.ClusterLeavingReason>(CoordinatedShutdown.Get(system).ShutdownReason);
    }
}
