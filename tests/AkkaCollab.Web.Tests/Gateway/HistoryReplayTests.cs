using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Gateway;

public sealed class HistoryReplayTests(SmallBuffersFixture fixture) : IClassFixture<SmallBuffersFixture>
{
    [Fact]
    public async Task Subscribing_from_before_the_feed_window_is_served_from_the_authority_in_order()
    {
        var doc = "history-" + Guid.NewGuid().ToString("N")[..8];
        var writer = await OtClient.Start(fixture.Server, doc, "writer");
        for (var i = 0; i < 60; i++)
        {
            await writer.Edit(Delta.Empty.Insert("x"));
            await writer.ProcessUntil(() => writer.Synchronized, TimeSpan.FromSeconds(10));
        }

        // The feed keeps 32 ops and the authority 16: revisions 6..28 come from the journal.
        await using var late = await fixture.Server.Connect("late");
        await late.Send(new ClientMessages.Subscribe(doc, 5));
        var replay = new List<long>();
        while (await late.ReceiveSkippingNoise() is ServerMessages.Op op)
        {
            replay.Add(op.Rev);
        }
        Assert.Equal(Enumerable.Range(6, 55).Select(r => (long)r), replay);
        await writer.DisposeAsync();
    }
}
