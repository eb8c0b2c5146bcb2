using System.Net.WebSockets;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Gateway;

/// A node with tight limits: 20 messages/s (burst 40, 5 strikes), pings every 300 ms, idle
/// sockets closed after 1.5 s, presence expiring after 1 s.
public sealed class LimitsFixture : IAsyncLifetime
{
    public CollabServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CollabServer.Start(new Dictionary<string, string?>
    {
        ["AkkaCollab:Web:MessagesPerSecond"] = "20",
        ["AkkaCollab:Web:MessageBurst"] = "40",
        ["AkkaCollab:Web:RateLimitStrikes"] = "5",
        ["AkkaCollab:Web:PingInterval"] = "00:00:00.300",
        ["AkkaCollab:Web:IdleTimeout"] = "00:00:01.500",
        ["AkkaCollab:Node:Document:PresenceTtl"] = "00:00:01",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class LimitsTests(LimitsFixture fixture) : IClassFixture<LimitsFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task A_flood_is_answered_rate_limited_and_then_closed_with_4429()
    {
        await using var client = await Server.Connect();
        for (var i = 0; i < 60; i++)
        {
            await client.Send(new ClientMessages.Ping(i));
        }
        var answers = new List<ServerMessage>();
        while (await client.TryReceive(TimeSpan.FromSeconds(10)) is { } message)
        {
            answers.Add(message);
        }

        // The hello took one token of the burst of 40; the bucket refills at 20/s meanwhile, and
        // a refilled token resets the strikes, so a slow machine may see a few more of each.
        Assert.InRange(answers.OfType<ServerMessages.Pong>().Count(), 38, 55);
        Assert.InRange(answers.OfType<ServerMessages.Error>().Count(e => e.Code == ErrorCode.RateLimited), 5, 21);
        Assert.All(answers.OfType<ServerMessages.Error>(), e => Assert.Equal(ErrorCode.RateLimited, e.Code));
        Assert.Equal(ErrorCode.RateLimited, Assert.IsType<ServerMessages.Error>(answers[^1]).Code);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.RateLimited, client.CloseStatus);
    }

    [Fact]
    public async Task An_op_inserting_more_than_the_op_limit_is_answered_too_large()
    {
        var doc = "big-paste-" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await Server.Connect();
        await client.Send(new ClientMessages.Subscribe(doc, null));
        Assert.IsType<ServerMessages.Snapshot>(await client.ReceiveSkippingNoise());
        Assert.IsType<ServerMessages.Subscribed>(await client.ReceiveSkippingNoise());

        await client.Send(new ClientMessages.Submit(doc, "tab", 1, 0, Delta.Empty.Insert(new string('p', 100_001))));
        var error = Assert.IsType<ServerMessages.Error>(await client.ReceiveSkippingNoise());
        Assert.Equal((ErrorCode.TooLarge, doc, 1L), (error.Code, error.Doc, error.Seq));

        // The largest paste that fits is accepted.
        await client.Send(new ClientMessages.Submit(doc, "tab", 2, 0, Delta.Empty.Insert(new string('p', 100_000))));
        Assert.Equal(new ServerMessages.Ack(doc, 2, 1), await client.ReceiveSkippingNoise());
    }

    [Fact]
    public async Task The_server_pings_and_a_client_that_answers_stays_connected()
    {
        await using var client = await Server.Connect();
        var pings = 0;
        var until = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < until)
        {
            if (await client.Receive(TimeSpan.FromSeconds(2)) is ServerMessages.Ping ping)
            {
                pings++;
                await client.Send(new ClientMessages.Pong(ping.Token));
            }
        }
        Assert.InRange(pings, 5, 15);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task A_silent_client_is_closed_with_4000()
    {
        await using var client = await Server.Connect();
        Assert.Equal((WebSocketCloseStatus)CloseCodes.IdleTimeout, await client.ReadUntilClosed(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_client_too_old_or_too_new_is_told_so_and_closed_with_4426()
    {
        foreach (var (version, code) in new[] { (ProtocolVersion.Min - 1, ErrorCode.VersionTooOld), (ProtocolVersion.Max + 1, ErrorCode.VersionTooNew) })
        {
            await using var client = await WireClient.Open(Server.WebSocketUri);
            await client.Send(new ClientMessages.Hello(version, "alice"));
            var error = Assert.IsType<ServerMessages.Error>(await client.Receive());
            Assert.Equal(code, error.Code);
            Assert.Contains($"{ProtocolVersion.Min}..{ProtocolVersion.Max}", error.Message);
            Assert.Equal((WebSocketCloseStatus)CloseCodes.VersionUnsupported, await client.ReadUntilClosed(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task Anything_before_hello_is_a_protocol_error_closed_with_4400()
    {
        await using var client = await WireClient.Open(Server.WebSocketUri);
        await client.Send(new ClientMessages.Subscribe("doc", null));
        Assert.Equal(ErrorCode.ProtocolError, Assert.IsType<ServerMessages.Error>(await client.Receive()).Code);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.ProtocolError, await client.ReadUntilClosed(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_unacceptable_token_is_unauthorized_and_closed_with_4401()
    {
        await using var client = await WireClient.Open(Server.WebSocketUri);
        await client.Send(new ClientMessages.Hello(ProtocolVersion.Max, "not a user name!"));
        Assert.Equal(ErrorCode.Unauthorized, Assert.IsType<ServerMessages.Error>(await client.Receive()).Code);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.Unauthorized, await client.ReadUntilClosed(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Presence_reaches_the_other_subscribers_moved_through_later_ops_and_expires()
    {
        var doc = "presence-" + Guid.NewGuid().ToString("N")[..8];
        var alice = await OtClient.Start(Server, doc, "alice-tab");
        await alice.Edit(Delta.Empty.Insert("Hello world\n"));
        await alice.ProcessUntil(() => alice.Synchronized, TimeSpan.FromSeconds(10));
        await using var bob = await Server.Connect("bob");
        await bob.Send(new ClientMessages.Subscribe(doc, null));
        Assert.IsType<ServerMessages.Snapshot>(await bob.ReceiveSkippingNoise());
        Assert.IsType<ServerMessages.Subscribed>(await bob.ReceiveSkippingNoise());

        // Bob's caret after "Hello " at revision 1.
        await bob.Send(new ClientMessages.Presence(doc, 1, new CursorRange(6, 0)));
        await alice.ProcessUntil(() => alice.Presence.Any(p => p.Client == bob.Session), TimeSpan.FromSeconds(10));
        Assert.Equal(new ServerMessages.Presence(doc, bob.Session, "bob", 1, new CursorRange(6, 0)), alice.Presence[^1]);

        // Alice inserts 3 characters before it; Bob's next update, still made at revision 1, is moved by them.
        await alice.Edit(Delta.Empty.Insert(">> "));
        await alice.ProcessUntil(() => alice.Synchronized, TimeSpan.FromSeconds(10));
        await bob.Send(new ClientMessages.Presence(doc, 1, new CursorRange(6, 2)));
        await alice.ProcessUntil(() => alice.Presence.Count >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal(new ServerMessages.Presence(doc, bob.Session, "bob", 2, new CursorRange(9, 2)), alice.Presence[^1]);

        // Bob goes quiet: his cursor expires and the others are told (range null).
        await alice.ProcessUntil(() => alice.Presence[^1].Range is null, TimeSpan.FromSeconds(10));
        Assert.Equal(bob.Session, alice.Presence[^1].Client);
        await alice.DisposeAsync();
    }
}
