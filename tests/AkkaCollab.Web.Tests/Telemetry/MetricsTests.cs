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
            ("AkkaCollab:Web:RateLimitStrikes", "3")));
        var before = await Scrape.Of(server);
        var doc = "metrics-" + Guid.NewGuid().ToString("N")[..8];

        var writer = await OtClient.Start(server, doc, "writer");
        for (var i = 0; i < ops; i++)
        {
            await writer.Edit(Delta.Empty.Insert("m"));
            await writer.ProcessUntil(() => writer.Synchronized, TimeSpan.FromSeconds(15));
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

        Scrape after = null!;
        await AdminNodes.Until(async () =>
        {
            after = await Scrape.Of(server);
            return Moved(after, before, "akkacollab_gateway_closes_total", ("reason", "rate_limit")) >= 1;
        }, "the rate-limit close counted");
        Assert.Equal(ops, Moved(after, before, "akkacollab_ops_acked_total", ("duplicate", "false")));
        Assert.Equal(0, Moved(after, before, "akkacollab_ops_acked_total", ("duplicate", "true")));
        Assert.Equal(ops + 1, Moved(after, before, "akkacollab_ops_submitted_total"));
        Assert.Equal(1, Moved(after, before, "akkacollab_ops_refused_total", ("code", ErrorCodes.ToWire(ErrorCode.BadRevision))));
        Assert.Equal(1, Moved(after, before, "akkacollab_presence_active"));
        Assert.Equal(ops, Moved(after, before, "akkacollab_ack_duration_seconds_count"));
        Assert.Equal(ops, Moved(after, before, "akkacollab_journal_write_duration_seconds_count"));
        Assert.Equal(1, Moved(after, before, "akkacollab_gateway_closes_total", ("reason", "rate_limit")));
        Assert.Equal(0, Moved(after, before, "akkacollab_gateway_closes_total", ("reason", "slow_consumer")));
        Assert.Equal(1, after.Value("akkacollab_cluster_members", ("status", "Up")));
        Assert.Equal(0, after.Value("akkacollab_cluster_unreachable"));
        Assert.True(after.Value("akkacollab_documents_active") >= 1);
        Assert.True(after.Value("akkacollab_gateway_sockets") >= 2);
        // No per-document label anywhere.
        Assert.DoesNotContain(doc, after.Text);
        await writer.DisposeAsync();
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
