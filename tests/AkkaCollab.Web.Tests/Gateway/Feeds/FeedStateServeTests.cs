using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using Effects = System.Collections.Generic.IReadOnlyList<AkkaCollab.Web.Gateway.Feeds.FeedEffect<string>>;

using static AkkaCollab.Web.Tests.Gateway.Feeds.FeedEffectReader;

namespace AkkaCollab.Web.Tests.Gateway.Feeds;

/// Serving connections that attach and leave, cursors and access changes, without actors.
/// The feed holds a window of 3 ops; the attach timeout is 1 s.
public sealed class FeedStateServeTests
{
    private const string Doc = "feed-serve";
    private static readonly DocumentId Id = DocumentId.Parse(Doc);

    private static OpApplied Op(long rev) => FeedEffectReader.Op(Id, rev);

    private static PresenceChanged Cursor(string client) => new(Id, client, "user-" + client, 0, 0, 0);

    // A live feed at 10 whose window holds 8, 9 and 10.
    private static FeedState<string> LiveAt10()
    {
        var state = new FeedState<string>(Doc, windowSize: 3, TimeSpan.FromSeconds(1));
        state.Start();
        state.Subscribed(new Subscribed(Id, 0, Delta.Empty, [], []));
        for (var rev = 1; rev <= 10; rev++)
        {
            state.Op(Op(rev));
        }
        return state;
    }

    [Fact]
    public void Attach_without_from_gets_a_snapshot_then_subscribed_then_live_ops()
    {
        var state = LiveAt10();

        var attached = state.Attach("a", null, 0);
        var live = state.Op(Op(11));

        Assert.Equal(["snapshot 10", "subscribed 10"], Sent(attached, "a"));
        Assert.Equal(["op 11"], Sent(live, "a"));
    }

    [Fact]
    public void Attach_with_from_inside_the_window_gets_the_ops_after_it_from_the_window()
    {
        var state = LiveAt10();

        var effects = state.Attach("a", 8, 0);

        Assert.Equal(["op 9", "op 10", "subscribed 10"], Sent(effects, "a"));
        Assert.Contains("a", state.Connections);
    }

    [Fact]
    public void Attach_at_head_gets_subscribed_only()
    {
        var state = LiveAt10();

        Assert.Equal(["subscribed 10"], Sent(state.Attach("a", 10, 0), "a"));
    }

    [Fact]
    public void Attach_older_than_the_window_is_served_from_the_authority_s_history_then_the_window()
    {
        var state = LiveAt10();

        var asked = state.Attach("a", 4, 0);
        var whileLoading = state.Op(Op(11));
        var served = state.HistoryLoaded("a", [Op(5), Op(6), Op(7), Op(8)]);

        var fetch = Assert.Single(asked.OfType<FeedEffect<string>.FetchHistory>());
        Assert.Equal(("a", 5L, 7L), (fetch.For, fetch.From, fetch.To));
        Assert.Empty(Sent(whileLoading, "a"));
        Assert.Equal(["op 5", "op 6", "op 7", "op 8", "op 9", "op 10", "op 11", "subscribed 11"], Sent(served, "a"));
    }

    [Fact]
    public void History_that_no_longer_meets_the_window_or_failed_is_answered_with_a_snapshot_at_sub()
    {
        var state = LiveAt10();
        state.Attach("a", 4, 0);
        state.Attach("b", 5, 0);

        var gapped = state.HistoryLoaded("a", [Op(5), Op(6)]);
        var failed = state.HistoryFailed("b");

        Assert.Equal(["snapshot 10", "subscribed 10"], Sent(gapped, "a"));
        Assert.Equal(["snapshot 10", "subscribed 10"], Sent(failed, "b"));
    }

    [Fact]
    public void Attach_far_behind_the_window_gets_a_snapshot_instead_of_a_long_replay()
    {
        var state = LiveAt10();
        for (var rev = 11; rev <= 40; rev++)
        {
            state.Op(Op(rev));
        }

        var effects = state.Attach("a", 5, 0);

        Assert.Equal(["snapshot 40", "subscribed 40"], Sent(effects, "a"));
        Assert.Empty(effects.OfType<FeedEffect<string>.FetchHistory>());
    }

    [Fact]
    public void Attach_ahead_of_head_waits_for_the_feed_to_get_there()
    {
        var state = LiveAt10();

        var waiting = state.Attach("a", 11, 0);
        var arrived = state.Op(Op(11));

        Assert.Empty(waiting);
        Assert.Equal(["subscribed 11"], Sent(arrived, "a")); // it had 11 already
    }

    [Fact]
    public void Attach_ahead_of_head_is_rejected_bad_revision_once_its_deadline_passed()
    {
        var state = LiveAt10();
        state.Attach("a", 12, 1_000);

        var early = state.Tick(1_999);
        var late = state.Tick(2_000);

        Assert.Empty(early);
        Assert.Equal([$"rejected {ErrorCode.BadRevision}"], Sent(late, "a"));
        Assert.Empty(Sent(state.Op(Op(11)), "a"));
    }

    [Fact]
    public void A_detached_connection_gets_nothing_more_and_its_history_answer_is_ignored()
    {
        var state = LiveAt10();
        state.Attach("a", null, 0);
        state.Attach("b", 4, 0);

        state.Detach("a");
        state.Detach("b");
        var effects = state.Op(Op(11));

        Assert.Empty(effects);
        Assert.Empty(state.HistoryLoaded("b", [Op(5), Op(6), Op(7)]));
        Assert.Empty(state.Connections);
    }

    [Fact]
    public void Cursors_are_relayed_given_to_late_attachers_and_their_removal_names_the_user()
    {
        var state = LiveAt10();
        state.Attach("a", null, 0);

        var changed = state.PresenceChanged(Cursor("c2"));
        var late = state.Attach("b", 10, 0);
        var removed = state.PresenceRemoved("c2");

        Assert.Equal(["presence c2"], Sent(changed, "a"));
        Assert.Equal(["subscribed 10", "presence c2"], Sent(late, "b"));
        var gone = Assert.Single(removed.OfType<FeedEffect<string>.Send>(), s => s.To == "a").Message;
        Assert.Contains("user-c2", System.Text.Encoding.UTF8.GetString(((FeedMessages.Presence)gone).Frame));
    }

    [Fact]
    public void A_resubscribe_replaces_the_cursors_with_the_authority_s()
    {
        var state = LiveAt10();
        state.PresenceChanged(Cursor("old"));
        state.AuthorityLost(leaving: false);
        state.Subscribed(new Subscribed(Id, 10, null, [], [Cursor("new")]));

        Assert.Equal(["subscribed 10", "presence new"], Sent(state.Attach("a", 10, 0), "a"));
    }

    [Fact]
    public void Access_changes_reach_attached_waiting_and_loading_connections()
    {
        var state = LiveAt10();
        state.Attach("live", null, 0);
        state.Attach("waiting", 20, 0);
        state.Attach("loading", 4, 0);

        var effects = state.AccessChanged("bob");

        Assert.All(new[] { "live", "waiting", "loading" }, c => Assert.Equal(["access bob"], Sent(effects, c)));
    }

    [Fact]
    public void A_rejected_subscription_or_a_stopping_feed_tells_every_connection_and_forgets_them()
    {
        var rejected = LiveAt10();
        rejected.Attach("a", null, 0);
        rejected.Attach("b", 20, 0);
        var stopping = LiveAt10();
        stopping.Attach("a", null, 0);

        var refused = rejected.Rejected(ErrorCode.Forbidden, "no");
        var stopped = stopping.Stop();

        Assert.Equal([$"rejected {ErrorCode.Forbidden}"], Sent(refused, "a"));
        Assert.Equal([$"rejected {ErrorCode.Forbidden}"], Sent(refused, "b"));
        Assert.Equal([$"rejected {ErrorCode.Unavailable}"], Sent(stopped, "a"));
        Assert.Empty(rejected.Op(Op(11)));
    }

    [Fact]
    public void Attaching_twice_serves_the_connection_once_more_without_duplicating_it()
    {
        var state = LiveAt10();
        state.Attach("a", null, 0);

        state.Attach("a", 10, 0);

        Assert.Equal(["op 11"], Sent(state.Op(Op(11)), "a"));
    }
}
