using System.Diagnostics;
using System.Net.WebSockets;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AkkaCollab.Web.Tests.Gateway;

/// A node with a small outbound queue (64 frames), so that a client that stops reading
/// overflows it within a few megabytes of large ops.
public sealed class SmallBuffersFixture : IAsyncLifetime
{
    public CollabServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CollabServer.Start(new Dictionary<string, string?>
    {
        ["AkkaCollab:Web:OutboundBufferFrames"] = "64",
        ["AkkaCollab:Web:FeedWindow"] = "32",
        // The authority keeps a window of recent ops too; keep it small so the heap shows the gateway.
        ["AkkaCollab:Node:Document:WindowSize"] = "16",
        ["AkkaCollab:Web:MessagesPerSecond"] = "100000",
        ["AkkaCollab:Web:MessageBurst"] = "100000",
        ["AkkaCollab:Web:PingInterval"] = "00:01:00",
        ["AkkaCollab:Web:IdleTimeout"] = "00:05:00",
        // The stalled client only reads again at the end of the test: keep its close frame waiting.
        ["AkkaCollab:Web:CloseTimeout"] = "00:01:00",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class SlowConsumerTests(SmallBuffersFixture fixture, ITestOutputHelper output) : IClassFixture<SmallBuffersFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_with_4008_while_the_others_go_on_and_memory_stays_bounded()
    {
        const int ops = 500, size = 64 * 1024;
        var doc = "slow-" + Guid.NewGuid().ToString("N")[..8];
        var writer = await OtClient.Start(Server, doc, "writer");
        var reader = await OtClient.Start(Server, doc, "reader", user: "bob");
        await using var stalled = await Server.Connect("carol");
        await stalled.Send(new ClientMessages.Subscribe(doc, null));
        // From here on, the stalled client never reads: its TCP buffers fill, then its queue.

        var (heapBefore, workingSetBefore) = Memory();
        var text = new string('x', size);
        var readerTask = Task.Run(async () =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (reader.Rev < ops && DateTime.UtcNow < deadline)
            {
                await reader.Process(TimeSpan.FromMilliseconds(50));
            }
        });
        for (var i = 0; i < ops; i++)
        {
            // Each op replaces the document's text, so the document stays one op long.
            var change = i == 0 ? Delta.Empty.Insert(text) : Delta.Empty.Insert(text).Delete(size);
            await writer.Edit(change);
            await writer.ProcessUntil(() => writer.Synchronized, TimeSpan.FromSeconds(30));
        }
        await readerTask;
        var (heapAfter, workingSetAfter) = Memory();
        var slowClosed = Server.Metrics.ClosedWith(CloseCodes.SlowConsumer);
        output.WriteLine($"sent {ops} ops of {size / 1024} KiB ({ops * (long)size / (1024 * 1024)} MiB per subscriber)");
        output.WriteLine($"managed heap: {heapBefore / 1024 / 1024.0:0.0} MiB before, {heapAfter / 1024 / 1024.0:0.0} MiB after");
        output.WriteLine($"working set: {workingSetBefore / 1024 / 1024.0:0.0} MiB before, {workingSetAfter / 1024 / 1024.0:0.0} MiB after");

        Assert.Equal(ops, reader.Rev);
        Assert.Empty(reader.Violations);
        Assert.Equal((await Server.Document(doc)).Content, reader.Content);
        Assert.Equal(1, slowClosed);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.SlowConsumer, await stalled.ReadUntilClosed(TimeSpan.FromSeconds(30)));
        // Unbounded buffering would hold all 31 MiB of frames for the stalled client.
        Assert.InRange(heapAfter - heapBefore, long.MinValue, 16L * 1024 * 1024);
        await writer.DisposeAsync();
        await reader.DisposeAsync();
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true), Process.GetCurrentProcess().WorkingSet64);
    }
}
