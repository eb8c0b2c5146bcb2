using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Gateway;
using AkkaCollab.Web.Gateway.Connections;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Tests.Gateway.Connections;

/// The ack-in-place matrix: for one (doc, client, seq), every order in which the feed's copy of
/// the op and the authority's replies can reach the connection, and what the client is sent.
public sealed class SubmitAckTests
{
    private static readonly ConnectionTimer Timeout = new ConnectionTimer.SubmitTimeout(new SubmitKey("d", "c", 1));

    [Fact]
    public void A_submit_is_told_to_the_region_with_a_timer_and_no_reply_is_awaited_inline()
    {
        var h = ConnectionHarness.Subscribed();

        var effects = h.Submit(rev: 0, text: "hi");

        var submit = Assert.Single(effects.Submits());
        Assert.Equal(("d", "c", 1L, 0L, "alice"), (submit.DocumentId.Value, submit.ClientId, submit.Seq, submit.BaseRevision, submit.UserId));
        Assert.Contains(new StartTimer(Timeout, h.Settings.AuthorityRetryInterval), effects);
        Assert.Empty(effects.Sent());
    }

    [Fact]
    public void Own_op_arriving_before_the_reply_becomes_the_ack()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();

        var atFeed = h.FeedOp(rev: 1);
        var atReply = h.Reply(rev: 1);

        Assert.Equal([new ServerMessages.Ack("d", 1, 1)], atFeed.Acks());
        Assert.Empty(atFeed.Frames());
        Assert.Empty(atReply.Sent());
        Assert.Contains(new CancelTimer(Timeout), atReply);
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void Reply_arriving_before_the_own_op_waits_for_it()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();

        var atReply = h.Reply(rev: 1);
        var atFeed = h.FeedOp(rev: 1);

        Assert.Empty(atReply.Sent());
        Assert.Contains(new CancelTimer(Timeout), atReply);
        Assert.Equal([new ServerMessages.Ack("d", 1, 1)], atFeed.Acks());
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void Acks_keep_revision_order_behind_ops_of_others_the_feed_delivers_first()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();
        h.Reply(rev: 2); // the authority transformed it over bob's op 1

        var bobs = h.FeedOp(rev: 1, client: "bob-tab");
        var own = h.FeedOp(rev: 2);

        Assert.Equal(["op@1"], bobs.Frames());
        Assert.Empty(bobs.Acks());
        Assert.Equal([new ServerMessages.Ack("d", 1, 2)], own.Acks());
    }

    [Fact]
    public void A_resend_while_pending_gets_its_own_ack_marked_dup_when_both_replies_came_first()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();
        h.Submit();
        h.Reply(rev: 1);
        h.Reply(rev: 1, duplicate: true);

        var atFeed = h.FeedOp(rev: 1);

        Assert.Equal([new ServerMessages.Ack("d", 1, 1), new ServerMessages.Ack("d", 1, 1, Dup: true)], atFeed.Acks());
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void A_resend_while_pending_answered_after_the_own_op_is_acked_by_its_reply_with_dup()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();
        h.Submit();

        var atFeed = h.FeedOp(rev: 1);
        var first = h.Reply(rev: 1);
        var second = h.Reply(rev: 1, duplicate: true);

        Assert.Equal([new ServerMessages.Ack("d", 1, 1)], atFeed.Acks());
        Assert.Empty(first.Sent());
        Assert.Equal([new ServerMessages.Ack("d", 1, 1, Dup: true)], second.Acks());
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void A_resend_of_an_op_already_delivered_is_acked_by_the_reply_with_dup()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();
        h.FeedOp(rev: 1);
        h.Reply(rev: 1);

        h.Submit();
        var atReply = h.Reply(rev: 1, duplicate: true);

        Assert.Equal([new ServerMessages.Ack("d", 1, 1, Dup: true)], atReply.Acks());
    }

    [Fact]
    public void The_feeds_copy_arriving_twice_acks_once()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();
        h.FeedOp(rev: 1);

        var again = h.FeedOp(rev: 1);
        var reply = h.Reply(rev: 1);

        Assert.Empty(again);
        Assert.Empty(reply.Sent());
    }

    [Fact]
    public void An_op_of_another_client_arriving_twice_is_sent_once()
    {
        var h = ConnectionHarness.Subscribed();

        var first = h.FeedOp(rev: 1, client: "bob-tab");
        var second = h.FeedOp(rev: 1, client: "bob-tab");

        Assert.Equal(["op@1"], first.Frames());
        Assert.Empty(second);
    }

    [Fact]
    public void After_a_reconnect_a_resend_of_an_op_the_replay_delivered_is_acked_with_dup()
    {
        // The op (c, 1) was applied at 5 before the socket dropped; the new socket resumes from 3.
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", 3));
        h.Access("d", AccessLevel.Write);
        var replay = new[] { h.FeedOp(rev: 4, client: "bob-tab"), h.FeedOp(rev: 5) }.SelectMany(e => e).ToList();
        h.Do(s => s.Feed(new FeedMessages.Subscribed("d", 5, ConnectionHarness.Frame("subscribed", 5))));

        h.Submit(rev: 3);
        var atReply = h.Reply(rev: 5, duplicate: true);

        Assert.Equal(["op@4", "op@5"], replay.Frames());
        Assert.Equal([new ServerMessages.Ack("d", 1, 5, Dup: true)], atReply.Acks());
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void After_a_reconnect_a_resend_sent_before_the_replay_reaches_its_op_is_acked_in_place_once()
    {
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", 3));
        h.Access("d", AccessLevel.Write);
        h.Submit(rev: 3);

        var atReply = h.Reply(rev: 5, duplicate: true);
        var effects = new[] { h.FeedOp(rev: 4, client: "bob-tab"), h.FeedOp(rev: 5) }.SelectMany(e => e).ToList();

        Assert.Empty(atReply.Sent());
        Assert.Equal(["op@4"], effects.Frames());
        Assert.Equal([new ServerMessages.Ack("d", 1, 5)], effects.Acks());
    }

    [Fact]
    public void A_rejected_submit_is_reported_with_its_code_and_forgotten()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();

        var effects = h.Rejected(ErrorCode.BadRevision);

        var error = Assert.Single(effects.Errors());
        Assert.Equal((ErrorCode.BadRevision, "d", (long?)1), (error.Code, error.Doc, error.Seq));
        Assert.Contains(new CancelTimer(Timeout), effects);
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void No_reply_in_time_is_unavailable_and_a_late_reply_changes_nothing()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();

        var atTimeout = TimeOut(h);
        var late = h.Reply(rev: 1);
        var feed = h.FeedOp(rev: 1);

        var error = Assert.Single(atTimeout.Errors());
        Assert.Equal((ErrorCode.Unavailable, "d", (long?)1), (error.Code, error.Doc, error.Seq));
        Assert.Contains("resend the same (client, seq)", error.Message);
        Assert.Empty(late);
        Assert.Equal(["op@1"], feed.Frames()); // the client takes its own op as the ack
    }

    [Fact]
    public void An_unanswered_submit_is_repeated_to_the_region_each_retry_interval_until_the_authority_timeout()
    {
        // 2.5 s timeout, 1 s retries: repeats at 1 s and 2 s, unavailable at 2.5 s.
        var h = ConnectionHarness.Subscribed();
        var sent = Assert.Single(h.Submit().Submits());

        var fires = new[] { h.Timer(Timeout), h.Timer(Timeout), h.Timer(Timeout) };

        Assert.Equal([sent], fires[0].Submits());
        Assert.Equal([sent], fires[1].Submits());
        Assert.Empty(fires[2].Submits());
        Assert.Empty(fires[0].Sent().Concat(fires[1].Sent()));
        Assert.Contains(new StartTimer(Timeout, h.Settings.AuthorityRetryInterval), fires[0]);
        Assert.Contains(new StartTimer(Timeout, h.Settings.AuthorityTimeout - 2 * h.Settings.AuthorityRetryInterval), fires[1]);
        Assert.Equal(ErrorCode.Unavailable, Assert.Single(fires[2].Errors()).Code);
    }

    [Fact]
    public void A_repeated_submit_answered_twice_gives_the_client_one_ack()
    {
        // The hand-off dropped nothing after all: both the first and the repeat are answered.
        var h = ConnectionHarness.Subscribed();
        h.Submit();
        h.Timer(Timeout);

        var first = h.Reply(rev: 1);
        var repeat = h.Reply(rev: 1, duplicate: true);
        var atFeed = h.FeedOp(rev: 1);

        Assert.Empty(first.Sent());
        Assert.Empty(repeat);
        Assert.Equal([new ServerMessages.Ack("d", 1, 1)], atFeed.Acks());
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void A_submit_whose_ack_went_out_in_place_is_not_repeated()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();
        h.FeedOp(rev: 1);

        var fired = h.Timer(Timeout);

        Assert.Empty(fired.Submits());
        Assert.Empty(fired.Sent());
    }

    [Fact]
    public void No_reply_in_time_after_the_ack_went_out_in_place_reports_nothing()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();
        h.FeedOp(rev: 1);

        var atTimeout = TimeOut(h);

        Assert.Empty(atTimeout.Sent());
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void A_reply_that_came_before_a_timeout_still_gets_its_ack_when_the_op_arrives()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();
        h.Submit();
        h.Reply(rev: 1);

        var atTimeout = TimeOut(h);
        var atFeed = h.FeedOp(rev: 1);

        Assert.Single(atTimeout.Errors()); // the resend's
        Assert.Equal([new ServerMessages.Ack("d", 1, 1)], atFeed.Acks());
        Assert.Empty(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void A_resend_restarts_the_one_timer_of_its_key()
    {
        var h = ConnectionHarness.Subscribed();

        var first = h.Submit();
        var second = h.Submit();

        Assert.Contains(new StartTimer(Timeout, h.Settings.AuthorityRetryInterval), first);
        Assert.Contains(new StartTimer(Timeout, h.Settings.AuthorityRetryInterval), second);
        Assert.Single(h.State.Subscriptions["d"].Pending);
    }

    [Fact]
    public void Unsubscribing_drops_pending_submits_and_their_late_replies()
    {
        var h = ConnectionHarness.Subscribed();
        h.Submit();

        var unsub = h.Frame(new ClientMessages.Unsubscribe("d"));
        var late = h.Reply(rev: 1);

        Assert.Contains(new CancelTimer(Timeout), unsub);
        Assert.Contains(new Detach("d"), unsub);
        Assert.Equal([new ServerMessages.Unsubscribed("d")], unsub.Sent());
        Assert.Empty(late);
    }

    // Fires the submit timer until the authority timeout has passed; the last firing's effects.
    private static IReadOnlyList<ConnectionEffect> TimeOut(ConnectionHarness h)
    {
        IReadOnlyList<ConnectionEffect> effects;
        var waited = TimeSpan.Zero;
        do
        {
            var armed = h.Settings.AuthorityTimeout - waited < h.Settings.AuthorityRetryInterval ? h.Settings.AuthorityTimeout - waited : h.Settings.AuthorityRetryInterval;
            effects = h.Timer(Timeout);
            waited += armed;
        }
        while (waited < h.Settings.AuthorityTimeout);
        return effects;
    }
}
