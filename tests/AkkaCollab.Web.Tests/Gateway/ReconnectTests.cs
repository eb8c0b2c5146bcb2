using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Gateway;

[Collection(ServerCollection.Name)]
public sealed class ReconnectTests(ServerFixture fixture)
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Reconnecting_with_from_resumes_with_nothing_lost_or_doubled()
    {
        var doc = "reconnect-" + Guid.NewGuid().ToString("N")[..8];
        var alice = await OtClient.Start(Server, doc, "alice-tab");
        var bob = await OtClient.Start(Server, doc, "bob-tab", user: "bob");
        var rng = new Random(7);
        for (var i = 0; i < 10; i++)
        {
            await alice.Edit(alice.RandomEdit(rng));
            await bob.Edit(bob.RandomEdit(rng));
            await Task.WhenAll(alice.Process(TimeSpan.FromMilliseconds(5)), bob.Process(TimeSpan.FromMilliseconds(5)));
        }
        await alice.ProcessUntil(() => alice.Synchronized, TimeSpan.FromSeconds(15));

        // Alice's network drops right after she sent an op: she never sees its ack.
        await alice.Edit(Delta.Empty.Insert("offline "));
        var unacked = alice.LastSent!;
        alice.Drop();
        for (var i = 0; i < 15; i++)
        {
            await bob.Edit(bob.RandomEdit(rng));
            await bob.Process(TimeSpan.FromMilliseconds(5));
        }
        await bob.ProcessUntil(() => bob.Synchronized, TimeSpan.FromSeconds(15));

        await alice.Reconnect(Server);
        await alice.ProcessUntil(() => alice.Synchronized, TimeSpan.FromSeconds(15));
        var (revision, content) = await Server.Document(doc);
        await alice.ProcessUntil(() => alice.Rev == revision, TimeSpan.FromSeconds(15));
        await bob.ProcessUntil(() => bob.Rev == revision, TimeSpan.FromSeconds(15));

        Assert.Empty(alice.Violations);
        Assert.Empty(bob.Violations);
        Assert.Equal(content, alice.Content);
        Assert.Equal(content, bob.Content);
        var history = await Server.History(doc);
        Assert.Equal(Enumerable.Range(1, (int)revision).Select(r => (long)r), history.Select(h => h.Rev));
        Assert.Single(history, h => h.Client == unacked.Client && h.Seq == unacked.Seq);
        await alice.DisposeAsync();
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task A_resent_op_with_the_same_client_and_seq_is_applied_once_and_acked_again()
    {
        var doc = "dedupe-" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await Server.Connect();
        await client.Send(new ClientMessages.Subscribe(doc, null));
        Assert.IsType<ServerMessages.Snapshot>(await client.ReceiveSkippingNoise());
        Assert.IsType<ServerMessages.Subscribed>(await client.ReceiveSkippingNoise());

        var submit = new ClientMessages.Submit(doc, "tab-1", 1, 0, Delta.Empty.Insert("once"));
        await client.Send(submit);
        await client.Send(submit);
        await client.Send(submit);
        var acks = new List<ServerMessages.Ack>();
        for (var i = 0; i < 3; i++)
        {
            acks.Add(Assert.IsType<ServerMessages.Ack>(await client.ReceiveSkippingNoise()));
        }

        Assert.All(acks, ack => Assert.Equal((doc, 1L, 1L), (ack.Doc, ack.Seq, ack.Rev)));
        var (revision, content) = await Server.Document(doc);
        Assert.Equal(1, revision);
        Assert.Equal(Delta.Empty.Insert("once"), content);
        Assert.Single(await Server.History(doc));
    }

    [Fact]
    public async Task Subscribing_from_a_revision_replays_exactly_the_ops_after_it()
    {
        var doc = "replay-" + Guid.NewGuid().ToString("N")[..8];
        var writer = await OtClient.Start(Server, doc, "writer");
        for (var i = 0; i < 20; i++)
        {
            await writer.Edit(Delta.Empty.Insert(i.ToString("00")));
            await writer.ProcessUntil(() => writer.Synchronized, TimeSpan.FromSeconds(10));
        }

        await using var reader = await Server.Connect("reader");
        await reader.Send(new ClientMessages.Subscribe(doc, 12));
        var replay = new List<long>();
        while (await reader.ReceiveSkippingNoise() is ServerMessages.Op op)
        {
            replay.Add(op.Rev);
        }
        Assert.Equal(Enumerable.Range(13, 8).Select(r => (long)r), replay);
        await writer.DisposeAsync();
    }
}
