using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Gateway;

/// A cursor leaves with its socket: the others see it go at once, not when its TTL (here ten
/// minutes, so expiry cannot be what removes it) runs out.
public sealed class PresenceDepartureTests : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.Start(new Dictionary<string, string?>
    {
        ["AkkaCollab:Node:Document:PresenceTtl"] = "00:10:00",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("socket dropped")]
    [InlineData("unsubscribed")]
    public async Task A_cursor_disappears_for_the_others_as_soon_as_its_client_leaves(string how)
    {
        var doc = "departure-" + Guid.NewGuid().ToString("N")[..8];
        var alice = await OtClient.Start(_server, doc, "alice-tab");
        await alice.Edit(Delta.Empty.Insert("Hello world\n"));
        await alice.ProcessUntil(() => alice.Synchronized, TimeSpan.FromSeconds(10));
        var bob = await _server.Connect("bob");
        await bob.Send(new ClientMessages.Subscribe(doc, null));
        Assert.IsType<ServerMessages.Snapshot>(await bob.ReceiveSkippingNoise());
        Assert.IsType<ServerMessages.Subscribed>(await bob.ReceiveSkippingNoise());
        await bob.Send(new ClientMessages.Presence(doc, 1, new CursorRange(6, 0)));
        await alice.ProcessUntil(() => alice.Presence.Any(p => p.Client == bob.Session && p.Range is not null), TimeSpan.FromSeconds(10));

        switch (how)
        {
            case "socket dropped":
                bob.Abort();
                break;
            case "unsubscribed":
                await bob.Send(new ClientMessages.Unsubscribe(doc));
                break;
        }

        await alice.ProcessUntil(() => alice.Presence[^1] is { Gone: true } last && last.Client == bob.Session, TimeSpan.FromSeconds(10));
        Assert.Equal(("bob", null), (alice.Presence[^1].User, alice.Presence[^1].Range));
        await bob.DisposeAsync();
        await alice.DisposeAsync();
    }

    [Fact]
    public async Task A_client_without_a_cursor_stays_present_for_the_others_and_says_when_it_is_idle()
    {
        // Bob's editor loses focus (range null), then his user goes idle: both are "here".
        var doc = "departure-" + Guid.NewGuid().ToString("N")[..8];
        var alice = await OtClient.Start(_server, doc, "alice-tab");
        var bob = await _server.Connect("bob");
        await bob.Send(new ClientMessages.Subscribe(doc, null));
        Assert.IsType<ServerMessages.Snapshot>(await bob.ReceiveSkippingNoise());
        Assert.IsType<ServerMessages.Subscribed>(await bob.ReceiveSkippingNoise());
        await bob.Send(new ClientMessages.Presence(doc, 0, new CursorRange(0, 0)));
        await alice.ProcessUntil(() => alice.Presence.Any(p => p.Client == bob.Session && p.Range is not null), TimeSpan.FromSeconds(10));

        await bob.Send(new ClientMessages.Presence(doc, 0, null));
        await alice.ProcessUntil(() => alice.Presence[^1] is { Range: null } p && p.Client == bob.Session, TimeSpan.FromSeconds(10));
        var blurred = alice.Presence[^1];
        await bob.Send(new ClientMessages.Presence(doc, 0, null, Idle: true));
        await alice.ProcessUntil(() => alice.Presence[^1] is { Idle: true } p && p.Client == bob.Session, TimeSpan.FromSeconds(10));

        Assert.Equal(("bob", false, false), (blurred.User, blurred.Gone, blurred.Idle));
        Assert.False(alice.Presence[^1].Gone);
        await bob.DisposeAsync();
        await alice.DisposeAsync();
    }
}
