using Akka.Actor;
using Akka.Cluster;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Validation;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaCollab.Web.Tests.Gateway;

/// Payloads at the limits: the document size limit on submit, and the largest permitted op crossing
/// from a web-only node to the node that hosts the document (over Akka.Remote's default frame size).
public sealed class LargePayloadTests
{
    [Fact]
    public async Task A_submit_that_would_grow_the_document_past_the_configured_limit_is_answered_too_large()
    {
        await using var server = await CollabServer.Start(new Dictionary<string, string?>
        {
            ["AkkaCollab:Node:Document:Validation:MaxDocumentLength"] = "1000",
        });
        var doc = "size-limit-" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await server.Connect();
        await client.Send(new ClientMessages.Subscribe(doc, null));
        Assert.IsType<ServerMessages.Snapshot>(await client.ReceiveSkippingNoise());
        Assert.IsType<ServerMessages.Subscribed>(await client.ReceiveSkippingNoise());

        // A new document is empty: 1000 characters fill it to the limit exactly.
        await client.Send(new ClientMessages.Submit(doc, "tab", 1, 0, Delta.Empty.Insert(new string('a', 1000))));
        Assert.Equal(new ServerMessages.Ack(doc, 1, 1), await client.ReceiveSkippingNoise());

        await client.Send(new ClientMessages.Submit(doc, "tab", 2, 1, Delta.Empty.Insert("b")));
        var error = Assert.IsType<ServerMessages.Error>(await client.ReceiveSkippingNoise());
        Assert.Equal((ErrorCode.TooLarge, doc, 2L), (error.Code, error.Doc, error.Seq));
        Assert.Contains("the limit is 1000", error.Message);
        var (revision, content) = await server.Document(doc);
        Assert.Equal((1L, 1000), (revision, content.Length()));
    }

    [Fact]
    public async Task A_maximum_size_op_through_a_node_that_does_not_host_the_document_is_acked_and_seen_on_the_host()
    {
        await using var a = await CollabServer.Start();
        var seed = Cluster.Get(a.App.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();
        await using var b = await CollabServer.Start(new Dictionary<string, string?>
        {
            ["AkkaCollab:Node:Roles:0"] = "web",
            ["AkkaCollab:Node:SeedNodes:0"] = seed,
        });
        var doc = "max-op-" + Guid.NewGuid().ToString("N")[..8];
        await using var onA = await a.Connect("alice");
        await using var onB = await b.Connect("bob");
        foreach (var client in new[] { onA, onB })
        {
            await client.Send(new ClientMessages.Subscribe(doc, null));
            Assert.IsType<ServerMessages.Snapshot>(await client.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)));
            Assert.IsType<ServerMessages.Subscribed>(await client.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)));
        }

        // 100,000 UTF-16 units of a 3-byte UTF-8 character: 300 KB on the wire, 600 KB as escaped JSON.
        var paste = new string('€', DeltaValidationOptions.Default.MaxInsertLength);
        await onB.Send(new ClientMessages.Submit(doc, "tab", 1, 0, Delta.Empty.Insert(paste)));

        Assert.Equal(new ServerMessages.Ack(doc, 1, 1), await onB.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)));
        var seen = Assert.IsType<ServerMessages.Op>(await onA.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)));
        Assert.Equal((1L, Delta.Empty.Insert(paste)), (seen.Rev, seen.Delta));
        Assert.Equal(Delta.Empty.Insert(paste), (await a.Document(doc)).Content);
    }
}
