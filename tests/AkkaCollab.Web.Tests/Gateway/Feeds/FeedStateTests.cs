using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using Effects = System.Collections.Generic.IReadOnlyList<AkkaCollab.Web.Gateway.Feeds.FeedEffect<string>>;

using static AkkaCollab.Web.Tests.Gateway.Feeds.FeedEffectReader;

namespace AkkaCollab.Web.Tests.Gateway.Feeds;

/// The feed's state machine without actors: one test per transition. Connections are strings;
/// what a connection was sent is read back as short words ("op 3", "snapshot 5", "subscribed 5").
public sealed class FeedStateTests
{
    private const string Doc = "feed-state";
    private static readonly DocumentId Id = DocumentId.Parse(Doc);
    private static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(1);

    private static OpApplied Op(long rev) => FeedEffectReader.Op(Id, rev);

    private static Subscribed Content(long head) =>
        new(Id, head, Delta.Empty.Insert(new string('x', (int)head)), [], []);

    private static Subscribed Replay(long head, params long[] revs) => new(Id, head, null, [.. revs.Select(Op)], []);

    private static FeedState<string> New() => new(Doc, windowSize: 3, AttachTimeout);

    // A live feed at head with connection "a" attached (no from: a snapshot at head).
    private static FeedState<string> LiveAt(long head, params long[] window)
    {
        var state = New();
        state.Start();
        state.Subscribed(Content(head - window.Length));
        foreach (var rev in window)
        {
            state.Op(Op(rev));
        }
        state.Attach("a", null, 0);
        return state;
    }

    private static Effects All(FeedState<string> state, params Func<FeedState<string>, Effects>[] steps) =>
        [.. steps.SelectMany(step => step(state))];

    private static List<long?> Subscribes(Effects effects) =>
        [.. effects.OfType<FeedEffect<string>.Subscribe>().Select(s => s.From)];

    [Fact]
    public void Start_subscribes_without_a_revision_and_joins()
    {
        var state = New();

        var effects = state.Start();

        Assert.Equal([null], Subscribes(effects));
        Assert.Equal((FeedPhase.Joining, -1L), (state.Phase, state.Rev));
    }

    [Fact]
    public void Attach_while_joining_waits_then_gets_a_snapshot_and_subscribed_when_the_content_arrives()
    {
        var state = New();
        state.Start();

        var waiting = state.Attach("a", null, 0);
        var joined = state.Subscribed(Content(4));

        Assert.Empty(waiting);
        Assert.Equal(["snapshot 4", "subscribed 4"], Sent(joined, "a"));
        Assert.Equal((FeedPhase.Live, 4L), (state.Phase, state.Rev));
    }

    [Fact]
    public void Ops_in_order_reach_every_connection_in_order()
    {
        var state = LiveAt(0);
        state.Attach("b", 0, 0);

        var effects = All(state, s => s.Op(Op(1)), s => s.Op(Op(2)));

        Assert.Equal(["op 1", "op 2"], Sent(effects, "a"));
        Assert.Equal(["op 1", "op 2"], Sent(effects, "b"));
        Assert.Equal(2, state.Rev);
    }

    [Fact]
    public void A_double_of_an_applied_op_is_dropped()
    {
        var state = LiveAt(2, 1, 2);

        var effects = All(state, s => s.Op(Op(2)), s => s.Op(Op(1)));

        Assert.Empty(effects);
        Assert.Equal((FeedPhase.Live, 2L), (state.Phase, state.Rev));
    }

    [Fact]
    public void Ops_after_a_gap_are_held_and_the_missing_range_is_asked_for_once()
    {
        var state = LiveAt(1, 1);

        var effects = All(state, s => s.Op(Op(4)), s => s.Op(Op(5)));

        Assert.Empty(Sent(effects, "a"));
        var gap = Assert.Single(effects.OfType<FeedEffect<string>.FetchGap>());
        Assert.Equal((2L, 3L), (gap.From, gap.To));
        Assert.Equal(FeedPhase.CatchingUp, state.Phase);
    }

    [Fact]
    public void The_filled_gap_and_the_held_ops_reach_connections_in_revision_order()
    {
        var state = LiveAt(1, 1);
        state.Op(Op(4));

        var effects = state.GapFilled([Op(3), Op(2)]);

        Assert.Equal(["op 2", "op 3", "op 4"], Sent(effects, "a"));
        Assert.Equal((FeedPhase.Live, 4L), (state.Phase, state.Rev));
    }

    [Fact]
    public void A_gap_closed_by_late_ops_before_the_answer_goes_live_without_resubscribing()
    {
        var state = LiveAt(1, 1);
        state.Op(Op(3));

        var late = state.Op(Op(2));
        var answer = state.GapFilled([Op(2)]);

        Assert.Equal(["op 2", "op 3"], Sent(late, "a"));
        Assert.Empty(answer);
        Assert.Equal((FeedPhase.Live, 3L), (state.Phase, state.Rev));
    }

    [Fact]
    public void A_gap_answer_that_brings_nothing_new_resubscribes_from_the_revision()
    {
        var state = LiveAt(1, 1);
        state.Op(Op(4));

        var effects = state.GapFilled([]);

        Assert.Equal([1L], Subscribes(effects));
        Assert.Equal(FeedPhase.Resubscribing, state.Phase);
    }

    [Fact]
    public void A_failed_gap_fetch_resubscribes_and_the_replayed_ops_not_a_snapshot_reach_connections()
    {
        var state = LiveAt(1, 1);
        state.Op(Op(4));

        var failed = state.GapFailed();
        var replayed = state.Subscribed(Replay(4, 2, 3, 4));

        Assert.Equal([1L], Subscribes(failed));
        Assert.Equal(["op 2", "op 3", "op 4"], Sent(replayed, "a"));
        Assert.Equal((FeedPhase.Live, 4L), (state.Phase, state.Rev));
    }

    [Fact]
    public void A_gap_failure_that_arrives_after_the_gap_closed_changes_nothing()
    {
        var state = LiveAt(1, 1);

        Assert.Empty(state.GapFailed());
        Assert.Equal(FeedPhase.Live, state.Phase);
    }

    [Fact]
    public void Authority_terminated_mid_stream_resubscribes_from_the_revision_and_connections_get_the_missed_ops_in_order()
    {
        var state = LiveAt(2, 1, 2);

        var lost = state.AuthorityLost(leaving: false);
        var early = state.Op(Op(5)); // the new incarnation's live op overtakes its replay
        var replayed = state.Subscribed(Replay(4, 3, 4));

        Assert.Equal([2L], Subscribes(lost));
        Assert.Equal(FeedPhase.Live, state.Phase);
        Assert.Empty(Sent(early, "a"));
        Assert.Empty(early.OfType<FeedEffect<string>.FetchGap>());
        Assert.Equal(["op 3", "op 4", "op 5"], Sent(replayed, "a"));
        Assert.Empty(replayed.OfType<FeedEffect<string>.HistoryUnavailable>());
    }

    [Fact]
    public void Authority_lost_while_the_node_is_leaving_resubscribes_only_on_the_tick()
    {
        var state = LiveAt(2, 1, 2);

        var lost = state.AuthorityLost(leaving: true);
        var tick = state.Tick(0);

        Assert.Empty(Subscribes(lost));
        Assert.Equal([2L], Subscribes(tick));
    }

    [Fact]
    public void Tick_repeats_an_unanswered_subscribe_and_does_nothing_when_live()
    {
        var joining = New();
        joining.Start();
        var live = LiveAt(1, 1);

        Assert.Equal([null], Subscribes(joining.Tick(0)));
        Assert.Empty(live.Tick(0));
    }

    [Fact]
    public void Authority_that_lost_the_history_answers_with_content_and_live_connections_get_a_counted_snapshot()
    {
        var state = LiveAt(2, 1, 2);
        state.AuthorityLost(leaving: false);

        var effects = state.Subscribed(Content(7));

        Assert.Equal(["snapshot 7"], Sent(effects, "a"));
        var lost = Assert.Single(effects.OfType<FeedEffect<string>.HistoryUnavailable>());
        Assert.Equal((2L, 7L, 1), (lost.From, lost.Head, lost.Connections));
        Assert.Equal((FeedPhase.Live, 7L), (state.Phase, state.Rev));
    }

    [Fact]
    public void Content_at_the_feed_s_own_revision_after_a_resubscribe_sends_nothing()
    {
        var state = LiveAt(2, 1, 2);
        state.AuthorityLost(leaving: false);

        Assert.Empty(state.Subscribed(Content(2)));
        Assert.Equal(FeedPhase.Live, state.Phase);
    }

    [Fact]
    public void Authority_lost_while_joining_subscribes_again_without_a_revision()
    {
        var state = New();
        state.Start();

        Assert.Equal([null], Subscribes(state.AuthorityLost(leaving: false)));
        Assert.Equal(FeedPhase.Joining, state.Phase);
    }

    [Fact]
    public void A_replay_without_content_while_joining_is_ignored_until_the_content_arrives()
    {
        var state = New();
        state.Start();
        state.Attach("a", null, 0);

        var ignored = state.Subscribed(Replay(3, 1, 2, 3));

        Assert.Empty(ignored);
        Assert.Equal((FeedPhase.Joining, -1L), (state.Phase, state.Rev));
    }

    [Fact]
    public void A_partly_filled_gap_delivers_what_came_and_asks_for_the_rest()
    {
        var state = LiveAt(1, 1);
        state.Op(Op(6));

        var effects = state.GapFilled([Op(2), Op(3)]);

        Assert.Equal(["op 2", "op 3"], Sent(effects, "a"));
        var rest = Assert.Single(effects.OfType<FeedEffect<string>.FetchGap>());
        Assert.Equal((4L, 5L), (rest.From, rest.To));
        Assert.Equal((FeedPhase.CatchingUp, 3L), (state.Phase, state.Rev));
    }

    [Fact]
    public void Authority_lost_while_catching_up_resubscribes_and_a_late_gap_answer_still_counts()
    {
        var state = LiveAt(1, 1);
        state.Op(Op(4));

        var lost = state.AuthorityLost(leaving: false);
        var late = state.GapFilled([Op(2), Op(3)]);

        Assert.Equal([1L], Subscribes(lost));
        Assert.Equal(["op 2", "op 3", "op 4"], Sent(late, "a"));
        Assert.Equal((FeedPhase.Resubscribing, 4L), (state.Phase, state.Rev));
        Assert.Empty(state.GapFailed()); // the resubscribe already covers it
    }

    [Fact]
    public void A_rename_goes_to_every_live_connection_and_a_connection_attaching_later_gets_it_after_subscribed()
    {
        var state = LiveAt(4);

        var renamed = state.TitleChanged("Plan");
        var later = state.Attach("b", null, 0);

        Assert.Equal(["title Plan"], Sent(renamed, "a"));
        Assert.Equal(["snapshot 4", "subscribed 4", "title Plan"], Sent(later, "b"));
    }

    [Fact]
    public void A_rename_missed_while_the_authority_was_away_arrives_with_the_resubscribe_and_only_once()
    {
        var state = LiveAt(4);
        state.TitleChanged("Plan");
        state.AuthorityLost(leaving: false);

        var back = state.Subscribed(Replay(5, 5) with { Title = "Plan B" });
        var repeated = state.TitleChanged("Plan B");

        Assert.Equal(["op 5", "title Plan B"], Sent(back, "a").Order().ToList());
        Assert.Empty(Sent(repeated, "a"));
        Assert.Equal("Plan B", state.TitleText);
    }
}
