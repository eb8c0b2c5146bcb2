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

    [Fact]
    public async Task A_five_megabyte_document_opens_and_its_history_reads_through_a_node_that_does_not_host_it()
    {
        await using var a = await CollabServer.Start();
        var seed = Cluster.Get(a.App.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();
        await using var b = await CollabServer.Start(new Dictionary<string, string?>
        {
            ["AkkaCollab:Node:Roles:0"] = "web",
            ["AkkaCollab:Node:SeedNodes:0"] = seed,
        });
        var doc = "five-mb-" + Guid.NewGuid().ToString("N")[..8];
        const int Pastes = 50;
        var paste = DeltaValidationOptions.Default.MaxInsertLength;
        await using (var writer = await a.Connect("alice"))
        {
            await writer.Send(new ClientMessages.Subscribe(doc, null));
            Assert.IsType<ServerMessages.Snapshot>(await writer.ReceiveSkippingNoise());
            Assert.IsType<ServerMessages.Subscribed>(await writer.ReceiveSkippingNoise());
            for (var i = 0; i < Pastes; i++)
            {
                var text = new string((char)('a' + i % 26), paste);
                await writer.Send(new ClientMessages.Submit(doc, "tab", i + 1, i, Delta.Empty.Retain(i * paste).Insert(text)));
                Assert.Equal(new ServerMessages.Ack(doc, i + 1, i + 1), await writer.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)));
            }
        }
        var (head, content) = await a.Document(doc);
        Assert.Equal((Pastes, Pastes * paste), (head, content.Length()));

        var timer = System.Diagnostics.Stopwatch.StartNew();
        await using var reader = await b.Connect("bob");
        await reader.Send(new ClientMessages.Subscribe(doc, null));
        var snapshot = Assert.IsType<ServerMessages.Snapshot>(await reader.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)));
        var opened = timer.Elapsed;
        Assert.Equal((head, content), (snapshot.Rev, snapshot.Delta));
        Assert.IsType<ServerMessages.Subscribed>(await reader.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)));

        // The feed on B is live after the large snapshot: the next op (a replace: the document is at
        // its size limit) reaches the reader in order.
        await using (var writer = await a.Connect("alice"))
        {
            await writer.Send(new ClientMessages.Subscribe(doc, head));
            Assert.IsType<ServerMessages.Subscribed>(await writer.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)));
            await writer.Send(new ClientMessages.Submit(doc, "tab-2", 1, head, Delta.Empty.Delete(1).Insert("!")));
            Assert.Equal(new ServerMessages.Ack(doc, 1, head + 1), await writer.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(head + 1, Assert.IsType<ServerMessages.Op>(await reader.ReceiveSkippingNoise(TimeSpan.FromSeconds(30))).Rev);

        timer.Restart();
        using var history = System.Text.Json.JsonDocument.Parse(await b.Http.GetStringAsync($"/api/docs/{doc}/ops?from=1&to=1000"));
        var read = timer.Elapsed;
        var ops = history.RootElement.GetProperty("ops").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, Pastes + 1).Select(r => (long)r), ops.Select(o => o.GetProperty("rev").GetInt64()));
        var replayed = ops.Aggregate(Delta.Empty, (d, o) => d.Compose(Delta.FromJson(o.GetProperty("delta").GetRawText())));
        Assert.Equal(Delta.Empty.Insert("!").Compose(content.Compose(Delta.Empty.Delete(1))).Length(), replayed.Length());

        // The authority timeout bounds an ask; these cross nodes as stream refs of 64 KiB chunks.
        var bound = b.App.Services.GetRequiredService<AkkaCollab.Web.Configuration.WebSettings>().AuthorityTimeout;
        Console.WriteLine($"5 MB document: opened through the other node in {opened.TotalMilliseconds:F0} ms, its history read in {read.TotalMilliseconds:F0} ms (authority timeout {bound.TotalMilliseconds:F0} ms)");
        Assert.True(opened < bound && read < bound, $"opened in {opened}, history in {read}, authority timeout {bound}");
    }
}
