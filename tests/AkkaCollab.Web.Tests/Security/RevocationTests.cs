using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Akka.Actor;
using Akka.Cluster;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AkkaCollab.Web.Tests.Security;

/// A revocation reaches every gateway node through the authority's fan-out (AccessChanged to
/// each node's feed), and the revoked user's sockets close at once.
public sealed class RevocationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_revoked_editors_open_sockets_on_two_gateway_nodes_are_closed_within_one_second()
    {
        await using var a = await SecureServer.Start();
        var seed = Cluster.Get(a.App.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();
        await using var b = await CollabServer.Start(SecureServer.Settings(
            ("AkkaCollab:Node:Roles:0", "web"),
            ("AkkaCollab:Node:SeedNodes:0", seed)), environment: "Production");
        var alice = SecureServer.Token("alice");
        var bob = SecureServer.Token("bob");
        var doc = SecureServer.NewDoc("revoked");
        await SecureServer.SharePrivately(a, alice, doc, "bob", "editor");

        await using var bobOnA = await SecureServer.Connect(a, bob);
        await using var bobOnB = await SecureServer.Connect(b, bob);
        await using var aliceOnB = await SecureServer.Connect(b, alice);
        foreach (var client in new[] { bobOnA, bobOnB, aliceOnB })
        {
            await SecureServer.Subscribe(client, doc);
        }

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await SecureServer.Unshare(a, alice, doc, "bob")).StatusCode);
        var closes = await Task.WhenAll(ForbiddenThenClosed(bobOnA), ForbiddenThenClosed(bobOnB));
        clock.Stop();

        output.WriteLine($"both sockets closed {clock.ElapsedMilliseconds} ms after the unshare request was sent");
        Assert.All(closes, status => Assert.Equal((WebSocketCloseStatus)CloseCodes.Forbidden, status));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"closed after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(WebSocketState.Open, aliceOnB.State);

        // Reconnecting does not help: the subscription itself is refused.
        await using var again = await SecureServer.Connect(b, bob);
        await again.Send(new ClientMessages.Subscribe(doc, null));
        Assert.Equal(ErrorCode.Forbidden, Assert.IsType<ServerMessages.Error>(await again.ReceiveSkippingNoise()).Code);
    }

    [Fact]
    public async Task A_downgraded_editor_stays_connected_but_can_no_longer_submit()
    {
        await using var server = await SecureServer.Start();
        var alice = SecureServer.Token("alice");
        var doc = SecureServer.NewDoc("downgraded");
        await SecureServer.SharePrivately(server, alice, doc, "bob", "editor");
        await using var bob = await SecureServer.Connect(server, SecureServer.Token("bob"));
        var rev = await SecureServer.Subscribe(bob, doc);

        Assert.Equal(HttpStatusCode.OK, (await SecureServer.Share(server, alice, doc, "bob", "viewer")).StatusCode);
        await Task.Delay(300);
        await bob.Send(new ClientMessages.Submit(doc, "bob-tab", 1, rev, Protocol.Deltas.Delta.Empty.Insert("x")));

        var error = Assert.IsType<ServerMessages.Error>(await bob.ReceiveSkippingNoise());
        Assert.Equal(ErrorCode.Forbidden, error.Code);
        Assert.Equal(WebSocketState.Open, bob.State);
    }

    private static async Task<WebSocketCloseStatus?> ForbiddenThenClosed(WireClient client)
    {
        var error = Assert.IsType<ServerMessages.Error>(await client.ReceiveSkippingNoise(TimeSpan.FromSeconds(5)));
        Assert.Equal(ErrorCode.Forbidden, error.Code);
        return await client.ReadUntilClosed(TimeSpan.FromSeconds(5));
    }
}
