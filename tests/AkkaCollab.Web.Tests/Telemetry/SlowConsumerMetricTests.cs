using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Admin;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Telemetry;

public sealed class SlowConsumerMetricTests
{
    [Fact]
    public async Task A_slow_consumer_close_is_counted_once_on_the_metrics_endpoint()
    {
        const int size = 64 * 1024;
        await using var server = await CollabServer.Start(AdminNodes.Settings(
            ("AkkaCollab:Web:OutboundBufferFrames", "32"),
            ("AkkaCollab:Web:FeedWindow", "16"),
            ("AkkaCollab:Node:Document:WindowSize", "16"),
            ("AkkaCollab:Web:MessagesPerSecond", "100000"),
            ("AkkaCollab:Web:MessageBurst", "100000"),
            ("AkkaCollab:Web:CloseTimeout", "00:01:00")));
        var before = await Scrape.Of(server);
        var doc = "slowmetric-" + Guid.NewGuid().ToString("N")[..8];
        var writer = await OtClient.Start(server, doc, "writer");
        await using var stalled = await server.Connect("carol");
        await stalled.Send(new ClientMessages.Subscribe(doc, null));
        // The stalled client never reads: its TCP buffers fill, then its queue overflows.
        var text = new string('s', size);
        for (var i = 0; i < 400 && server.Metrics.ClosedWith(CloseCodes.SlowConsumer) == 0; i++)
        {
            await writer.Edit(i == 0 ? Delta.Empty.Insert(text) : Delta.Empty.Insert(text).Delete(size));
            await writer.ProcessUntil(() => writer.Synchronized, TimeSpan.FromSeconds(30));
        }
        Assert.Equal(1, server.Metrics.ClosedWith(CloseCodes.SlowConsumer));

        var after = await Scrape.Of(server);
        Assert.Equal(1, after.Value("akkacollab_gateway_closes_total", ("reason", "slow_consumer")) - before.Value("akkacollab_gateway_closes_total", ("reason", "slow_consumer")));
        await writer.DisposeAsync();
    }
}
