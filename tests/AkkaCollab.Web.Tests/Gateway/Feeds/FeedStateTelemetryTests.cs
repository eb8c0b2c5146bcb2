using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Web.Tests.Gateway.Feeds;

/// What the feed's state hands its shell for the gateway's instruments: the receipt time on a
/// live op's frame (fan-out latency) and the number of cursors it relays.
public sealed class FeedStateTelemetryTests
{
    private const string Doc = "feed-telemetry";
    private static readonly DocumentId Id = DocumentId.Parse(Doc);

    private static FeedState<string> LiveWith(string connection)
    {
        var state = new FeedState<string>(Doc, windowSize: 3, TimeSpan.FromSeconds(1));
        state.Start();
        state.Subscribed(new Subscribed(Id, 0, Delta.Empty, [], []));
        state.Attach(connection, null, 0);
        return state;
    }

    private static List<FeedMessages.Op> OpsTo(IReadOnlyList<FeedEffect<string>> effects, string connection) =>
        [.. effects.OfType<FeedEffect<string>.Send>().Where(s => s.To == connection).Select(s => s.Message).OfType<FeedMessages.Op>()];

    [Fact]
    public void A_live_op_carries_its_receipt_time_and_the_same_op_replayed_from_the_window_does_not()
    {
        var state = LiveWith("a");

        var live = OpsTo(state.Op(FeedEffectReader.Op(Id, 1), received: 12345), "a");
        var replayed = OpsTo(state.Attach("b", 0, 0), "b");

        Assert.Equal([(1L, 12345L)], live.Select(o => (o.Rev, o.Received)));
        Assert.Equal([(1L, 0L)], replayed.Select(o => (o.Rev, o.Received)));
    }

    [Fact]
    public void The_presence_count_follows_cursors_arriving_moving_and_leaving()
    {
        var state = LiveWith("a");

        state.PresenceChanged(new PresenceChanged(Id, "c1", "u1", 0, 0, 0));
        state.PresenceChanged(new PresenceChanged(Id, "c2", "u2", 0, 1, 0));
        state.PresenceChanged(new PresenceChanged(Id, "c1", "u1", 0, 2, 1));
        var two = state.PresenceCount;
        state.PresenceRemoved("c2");

        Assert.Equal((2, 1), (two, state.PresenceCount));
    }
}
