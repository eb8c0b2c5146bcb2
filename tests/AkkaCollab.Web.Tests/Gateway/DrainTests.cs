using System.Net.WebSockets;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaCollab.Web.Tests.Gateway;

public sealed class DrainTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Shutting_down_closes_every_socket_with_1012_refuses_new_ones_and_leaves_the_cluster()
    {
        await using var server = await CollabServer.Start();
        var system = server.App.Services.GetRequiredService<ActorSystem>();
        await using var first = await server.Connect("alice");
        await using var second = await server.Connect("bob");
        await first.Send(new ClientMessages.Subscribe("drain-doc", null));
        await first.ReceiveSkippingNoise();

        var sw = System.Diagnostics.Stopwatch.StartNew();
        var stopping = server.App.StopAsync();
        var closes = await Task.WhenAll(first.ReadUntilClosed(TimeSpan.FromSeconds(20)), second.ReadUntilClosed(TimeSpan.FromSeconds(20)));
        var closedAfter = sw.ElapsedMilliseconds;
        var refused = await Record.ExceptionAsync(() => server.Connect("carol"));
        await stopping;
        output.WriteLine($"sockets closed after {closedAfter} ms, node left the cluster and stopped after {sw.ElapsedMilliseconds} ms");

        Assert.All(closes, status => Assert.Equal((WebSocketCloseStatus)CloseCodes.ServiceRestart, status));
        Assert.NotNull(refused);
        Assert.Equal(2, server.Metrics.ClosedWith(CloseCodes.ServiceRestart));
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Akka.Actor.CoordinatedShutdown.ClrExitReason.Instance, Akka.Actor.CoordinatedShutdown.Get(system).ShutdownReason);
    }
}
