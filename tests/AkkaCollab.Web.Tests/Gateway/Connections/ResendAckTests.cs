using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Tests.Shared;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Gateway.Connections;

/// The ack's dup flag end to end: real Kestrel, real WebSockets, the real authority.
[Collection(ServerCollection.Name)]
public sealed class ResendAckTests(ServerFixture fixture)
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task A_resend_after_a_reconnect_is_acked_with_dup_and_the_op_is_applied_once()
    {
        var doc = "dup-" + Guid.NewGuid().ToString("N")[..8];
        var submit = new ClientMessages.Submit(doc, "tab-1", 1, 0, Delta.Empty.Insert("once"));
        var first = await Server.Connect();
        await first.Send(new ClientMessages.Subscribe(doc, null));
        Assert.IsType<ServerMessages.Snapshot>(await first.ReceiveSkippingNoise());
        Assert.IsType<ServerMessages.Subscribed>(await first.ReceiveSkippingNoise());
        await first.Send(submit);
        Assert.Equal(new ServerMessages.Ack(doc, 1, 1), await first.ReceiveSkippingNoise());
        first.Abort(); // the network drops: the client does not know whether the op landed

        await using var second = await Server.Connect();
        await second.Send(new ClientMessages.Subscribe(doc, 0));
        var replayed = Assert.IsType<ServerMessages.Op>(await second.ReceiveSkippingNoise());
        Assert.Equal(new ServerMessages.Subscribed(doc, 1), await second.ReceiveSkippingNoise());
        await second.Send(submit);
        var ack = await second.ReceiveSkippingNoise();

        Assert.Equal(("tab-1", 1L, 1L), (replayed.Client, replayed.Seq, replayed.Rev));
        Assert.Equal(new ServerMessages.Ack(doc, 1, 1, Dup: true), ack);
        var (revision, content) = await Server.Document(doc);
        Assert.Equal(1, revision);
        Assert.Equal(Delta.Empty.Insert("once"), content);
        Assert.Equal([(1L, "tab-1", 1L)], await Server.History(doc));
        await first.DisposeAsync();
    }

    [Fact]
    public void Dup_is_on_the_wire_only_when_true_and_reads_back()
    {
        var plain = System.Text.Encoding.UTF8.GetString(WireWriter.Encode(new ServerMessages.Ack("plan", 12, 43)));
        var dup = WireWriter.Encode(new ServerMessages.Ack("plan", 12, 43, Dup: true));

        Assert.Equal("""{"a":"ack","doc":"plan","seq":12,"rev":43}""", plain);
        Assert.Equal("""{"a":"ack","doc":"plan","seq":12,"rev":43,"dup":true}""", System.Text.Encoding.UTF8.GetString(dup));
        Assert.Equal(new ServerMessages.Ack("plan", 12, 43, Dup: true), ServerMessageReader.Read(dup));
        Assert.Equal(new ServerMessages.Ack("plan", 12, 43), ServerMessageReader.Read(System.Text.Encoding.UTF8.GetBytes(plain)));
    }
}
