using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Admin;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Telemetry;

/// After a scripted session, /metrics on the admin endpoint shows the counters moved by exactly
/// what the session did. (One node per test process at a time: the tests run one by one.)
public sealed class MetricsTests
{
    [Fact]
    public async Task After_a_scripted_session_the_counters_moved_by_the_expected_amounts()
    {
        const int ops = 20;
        await using var server = await CollabServer.Start(AdminNodes.Settings(
            ("AkkaCollab:Web:MessagesPerSecond", "20"),
            ("AkkaCollab:Web:MessageBurst", "60"),
            ("AkkaCollab:Web:RateLimitStrikes", "3"),
            ("AkkaCollab:Web:OutboundBufferFrames", "32"),
            ("AkkaCollab:Web:FeedWindow", "16"),
            ("AkkaCollab:Node:Document:WindowSize", "16"),
            ("AkkaCollab:Web:CloseTimeout", "00:01:00")));
        var before = await Scrape.Of(server);
        var doc = "metrics-" + Guid.NewGuid().ToString("N")[..8];

        var writer = await OtClient.Start(server, doc, "writer");
        for (var i = 0; i < ops; i++)
        {
            await writer.Edit(Delta.Empty.Insert("m"));
            await writer.ProcessUntil(() => writer.Synchronized, TimeSpan.FromSeconds(15));
        }
        // One client resuming after a reconnect: a sub with from.
        await using (var resumer = await server.Connect("dave"))
        {
            await resumer.Send(new ClientMessages.Subscribe(doc, ops));
            Assert.Equal(ops, (await WaitFor<ServerMessages.Subscribed>(resumer)).Rev);
        }
        // One submit the authority refuses: a base revision ahead of the head.
        await using var refused = await server.Connect("erin");
        await refused.Send(new ClientMessages.Subscribe(doc, null));
        await WaitFor<ServerMessages.Subscribed>(refused);
        await refused.Send(new ClientMessages.Submit(doc, "refused", 1, ops + 5, Delta.Empty.Insert("?")));
        Assert.Equal(ErrorCode.BadRevision, (await WaitFor<ServerMessages.Error>(refused)).Code);
        // One cursor: the writer sees it relayed, so the authority holds it.
        await refused.Send(new ClientMessages.Presence(doc, ops, new CursorRange(3, 0)));
        await writer.ProcessUntil(() => writer.Presence.Count > 0, TimeSpan.FromSeconds(15));
        // One client that floods pings past its bucket: closed with 4429 after three strikes.
        await using var flooder = await server.Connect("mallory");
        for (var i = 0; i < 200 && flooder.State == System.Net.WebSockets.WebSocketState.Open; i++)
        {
            await flooder.Send(new ClientMessages.Ping(i));
        }
        Assert.Equal(CloseCodes.RateLimited, (int?)await flooder.ReadUntilClosed(TimeSpan.FromSeconds(15)));

        var slowOps = await OneSlowConsumer(server);

        Scrape after = null!;
        await AdminNodes.Until(async () =>
        {
            after = await Scrape.Of(server);
            return Moved(after, before, "akkacollab_gateway_closes_total", ("reason", "rate_limit")) >= 1
                && after.Value("akkacollab_gateway_outbound_queue") == 0;
        }, "the rate-limit close counted and the outbound queues drained");
        Assert.Equal(ops + slowOps, Moved(after, before, "akkacollab_ops_acked_total", ("duplicate", "false")));
        Assert.Equal(0, Moved(after, before, "akkacollab_ops_acked_total", ("duplicate", "true")));
        Assert.Equal(ops + slowOps + 1, Moved(after, before, "akkacollab_ops_submitted_total"));
        Assert.Equal(1, Moved(after, before, "akkacollab_ops_refused_total", ("code", ErrorCodes.ToWire(ErrorCode.BadRevision))));
        Assert.Equal(1, Moved(after, before, "akkacollab_presence_active"));
        Assert.Equal(ops + slowOps, Moved(after, before, "akkacollab_ack_duration_seconds_count"));
        Assert.Equal(ops + slowOps, Moved(after, before, "akkacollab_journal_write_duration_seconds_count"));
        Assert.Equal(1, Moved(after, before, "akkacollab_gateway_closes_total", ("reason", "rate_limit")));
        Assert.Equal(1, Moved(after, before, "akkacollab_gateway_closes_total", ("reason", "slow_consumer")));
        Assert.Equal(1, Moved(after, before, "akkacollab_gateway_resumes_total"));
        Assert.Equal(1, Moved(after, before, "akkacollab_gateway_presence"));
        Assert.Equal(0, Moved(after, before, "akkacollab_gateway_snapshots_unrequested_total"));
        // The stalled client's frames until it overflowed, each timed from the feed's receipt.
        Assert.True(Moved(after, before, "akkacollab_gateway_fanout_duration_seconds_count") >= 1);
        Assert.Equal(1, after.Value("akkacollab_cluster_members", ("status", "Up")));
        Assert.Equal(0, after.Value("akkacollab_cluster_unreachable"));
        Assert.True(after.Value("akkacollab_documents_active") >= 1);
        Assert.True(after.Value("akkacollab_gateway_sockets") >= 2);
        // No per-document label anywhere.
        Assert.DoesNotContain(doc, after.Text);
        await writer.DisposeAsync();
    }

    // A client that stops reading on a second document while writers replace its text with
    // large ops, until its queue overflows (4008). Each writer socket stays inside its message
    // budget; returns how many ops were acked.
    private static async Task<int> OneSlowConsumer(CollabServer server)
    {
        const int size = 96 * 1024, perWriter = 30;
        var doc = "metrics-slow-" + Guid.NewGuid().ToString("N")[..8];
        var text = new string('s', size);
        var edits = 0;
        OtClient? writer = null;
        await using var stalled = await server.Connect("carol");
        await stalled.Send(new ClientMessages.Subscribe(doc, null));
        for (var i = 0; i < 400 && server.Metrics.ClosedWith(CloseCodes.SlowConsumer) == 0; i++)
        {
            if (i % perWriter == 0)
            {
                if (writer is not null)
                {
                    await writer.DisposeAsync();
                }
                writer = await OtClient.Start(server, doc, "slow-writer-" + i);
            }
            await writer!.Edit(i == 0 ? Delta.Empty.Insert(text) : Delta.Empty.Insert(text).Delete(size));
            await writer.ProcessUntil(() => writer.Synchronized, TimeSpan.FromSeconds(30));
            edits++;
        }
        await writer!.DisposeAsync();
        Assert.Equal(1, server.Metrics.ClosedWith(CloseCodes.SlowConsumer));
        return edits;
    }

    private static double Moved(Scrape after, Scrape before, string name, params (string, string)[] labels) =>
        after.Value(name, labels) - before.Value(name, labels);

    private static async Task<T> WaitFor<T>(WireClient client) where T : ServerMessage
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await client.ReceiveSkippingNoise(TimeSpan.FromSeconds(15)) is T found)
            {
                return found;
            }
        }
        throw new TimeoutException($"no {typeof(T).Name}");
    }
}
