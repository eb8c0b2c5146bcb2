using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway;
using AkkaCollab.Web.Gateway.Connections;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Tests.Gateway.Connections;

/// Subscriptions on an open socket: access checks and rechecks, limits, the feed's messages, presence.
public sealed class SubscriptionTests
{
    [Fact]
    public void A_subscribe_checks_access_before_the_feed_attaches()
    {
        var h = ConnectionHarness.Opened();

        var asked = h.Frame(new ClientMessages.Subscribe("d", 7));
        var answered = h.Access("d", AccessLevel.Read);

        Assert.Equal([new CheckAccess("d", "alice", Recheck: false)], asked);
        Assert.Equal([new Attach("d", 7)], answered);
        Assert.True(h.State.Subscriptions["d"].Attached);
    }

    [Fact]
    public void A_user_without_read_access_is_forbidden_and_may_try_again()
    {
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", null));

        var refused = h.Access("d", AccessLevel.None);
        var again = h.Frame(new ClientMessages.Subscribe("d", null));

        var error = Assert.Single(refused.Errors());
        Assert.Equal((ErrorCode.Forbidden, "d"), (error.Code, error.Doc));
        Assert.DoesNotContain(refused, e => e is Attach);
        Assert.Equal([new CheckAccess("d", "alice", Recheck: false)], again);
    }

    [Fact]
    public void An_authority_that_does_not_answer_the_access_check_is_unavailable()
    {
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", null));

        var effects = h.Do(s => s.AccessAnswered("d", null, recheck: false));

        Assert.Equal(ErrorCode.Unavailable, Assert.Single(effects.Errors()).Code);
        Assert.Empty(h.State.Subscriptions);
    }

    [Fact]
    public void An_access_answer_after_unsubscribing_is_ignored()
    {
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", null));
        h.Frame(new ClientMessages.Unsubscribe("d"));

        Assert.Empty(h.Access("d", AccessLevel.Write));
    }

    [Fact]
    public void Subscribing_twice_or_past_the_per_socket_limit_is_refused()
    {
        var h = ConnectionHarness.Opened(settings: new WebSettings { MaxSubscriptionsPerSocket = 2 });
        h.Subscribe("a");
        h.Subscribe("b");

        var twice = h.Frame(new ClientMessages.Subscribe("a", null));
        var third = h.Frame(new ClientMessages.Subscribe("c", null));

        Assert.Equal(ErrorCode.BadMessage, Assert.Single(twice.Errors()).Code);
        Assert.Equal(ErrorCode.TooLarge, Assert.Single(third.Errors()).Code);
        Assert.DoesNotContain(third, e => e is CheckAccess);
    }

    [Fact]
    public void Unsubscribing_from_a_document_not_subscribed_is_an_error()
    {
        var h = ConnectionHarness.Opened();

        var effects = h.Frame(new ClientMessages.Unsubscribe("d"));

        Assert.Equal(ErrorCode.NotSubscribed, Assert.Single(effects.Errors()).Code);
    }

    [Fact]
    public void An_error_for_one_document_leaves_the_others_live()
    {
        var h = ConnectionHarness.Opened();
        h.Subscribe("a");
        h.Subscribe("b");

        var rejected = h.Do(s => s.Feed(new FeedMessages.Rejected("a", ErrorCode.Unavailable, "feed: the authority moved")));
        var onA = h.FeedOp(rev: 1, client: "bob-tab", doc: "a");
        var onB = h.FeedOp(rev: 1, client: "bob-tab", doc: "b");

        var error = Assert.Single(rejected.Errors());
        Assert.Equal((ErrorCode.Unavailable, "a"), (error.Code, error.Doc));
        Assert.Contains(new Detach("a"), rejected);
        Assert.Null(rejected.CloseStarted());
        Assert.Empty(onA);
        Assert.Equal(["op@1"], onB.Frames());
        Assert.Equal(ConnectionPhase.Open, h.State.Phase);
    }

    [Fact]
    public void Access_revoked_on_recheck_closes_with_4403()
    {
        var h = ConnectionHarness.Subscribed();

        var asked = h.Do(s => s.Feed(new FeedMessages.AccessChanged("d", "alice")));
        var revoked = h.Access("d", AccessLevel.None, recheck: true);

        Assert.Equal([new CheckAccess("d", "alice", Recheck: true)], asked);
        Assert.Equal(ErrorCode.Forbidden, Assert.Single(revoked.Errors()).Code);
        Assert.Equal(CloseCodes.Forbidden, revoked.CloseStarted()?.Code);
    }

    [Fact]
    public void An_operator_kick_closes_only_that_users_socket_on_that_document_with_4403()
    {
        var h = ConnectionHarness.Subscribed();

        var otherDoc = h.Do(s => s.Kick("elsewhere", "alice"));
        var otherUser = h.Do(s => s.Kick("d", "bob"));
        var kicked = h.Do(s => s.Kick("d", "alice"));

        Assert.Empty(otherDoc);
        Assert.Empty(otherUser);
        var error = Assert.Single(kicked.Errors());
        Assert.Equal((ErrorCode.Forbidden, "d"), (error.Code, error.Doc));
        Assert.Contains("an operator removed user alice", error.Message);
        Assert.Equal(CloseCodes.Forbidden, kicked.CloseStarted()?.Code);
        Assert.Equal(ConnectionPhase.Closing, h.State.Phase);
    }

    [Fact]
    public void A_downgrade_to_viewer_on_recheck_keeps_the_socket_and_refuses_later_submits()
    {
        var h = ConnectionHarness.Subscribed();
        h.Do(s => s.Feed(new FeedMessages.AccessChanged("d", "alice")));

        var downgraded = h.Access("d", AccessLevel.Read, recheck: true);
        var submit = h.Submit();

        Assert.Empty(downgraded);
        Assert.Equal(ErrorCode.Forbidden, Assert.Single(submit.Errors()).Code);
        Assert.Empty(submit.Submits());
    }

    [Fact]
    public void A_recheck_without_an_answer_asks_again()
    {
        var h = ConnectionHarness.Subscribed();

        var effects = h.Do(s => s.AccessAnswered("d", null, recheck: true));

        Assert.Equal([new CheckAccess("d", "alice", Recheck: true)], effects);
    }

    [Fact]
    public void An_access_change_for_another_user_of_a_listed_document_is_not_rechecked()
    {
        var h = ConnectionHarness.Subscribed();

        Assert.Empty(h.Do(s => s.Feed(new FeedMessages.AccessChanged("d", "bob"))));
    }

    [Fact]
    public void Any_access_change_is_rechecked_for_a_user_whose_access_comes_from_the_link()
    {
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", null));
        h.Access("d", AccessLevel.Write, open: true);

        Assert.Equal([new CheckAccess("d", "alice", Recheck: true)], h.Do(s => s.Feed(new FeedMessages.AccessChanged("d", "bob"))));
        Assert.Equal([new CheckAccess("d", "alice", Recheck: true)], h.Do(s => s.Feed(new FeedMessages.AccessChanged("d", null))));
    }

    [Fact]
    public void A_general_access_change_is_rechecked_also_for_a_user_with_an_entry_of_their_own()
    {
        // A viewer's entry with the link's general access at editor: the viewer may edit, and
        // restricting the link takes that away (and opening it gives it).
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", null));
        h.Access("d", AccessLevel.Write);

        Assert.Equal([new CheckAccess("d", "alice", Recheck: true)], h.Do(s => s.Feed(new FeedMessages.AccessChanged("d", null))));
        Assert.Empty(h.Do(s => s.Feed(new FeedMessages.AccessChanged("d", "bob"))));
    }

    [Fact]
    public void A_snapshot_restarts_the_view_so_ops_it_contains_are_not_sent()
    {
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", null));
        h.Access("d", AccessLevel.Write);

        var snapshot = h.Do(s => s.Feed(new FeedMessages.Snapshot("d", 10, ConnectionHarness.Frame("snapshot", 10))));
        var old = h.FeedOp(rev: 10, client: "bob-tab");
        var next = h.FeedOp(rev: 11, client: "bob-tab");

        Assert.Equal(["snapshot@10"], snapshot.Frames());
        Assert.Empty(old);
        Assert.Equal(["op@11"], next.Frames());
    }

    [Fact]
    public void Presence_goes_to_the_authority_as_this_session_once_attached()
    {
        var h = ConnectionHarness.Opened();
        h.Frame(new ClientMessages.Subscribe("d", null));
        var early = h.Frame(new ClientMessages.Presence("d", 0, new CursorRange(1, 2)));
        h.Access("d", AccessLevel.Read);

        var sent = h.Frame(new ClientMessages.Presence("d", 0, new CursorRange(1, 2)));
        var blurred = h.Frame(new ClientMessages.Presence("d", 0, null, Idle: true));
        var negative = h.Frame(new ClientMessages.Presence("d", 0, new CursorRange(-1, 0)));
        var elsewhere = h.Frame(new ClientMessages.Presence("other", 0, new CursorRange(0, 0)));

        Assert.Empty(early);
        var update = Assert.IsType<DocumentCommands.UpdatePresence>(Assert.Single(sent.OfType<ToRegion>()).Message);
        Assert.Equal((ConnectionHarness.Session, "alice", 1, 2), (update.ClientId, update.UserId, update.Index, update.Length));
        var here = Assert.IsType<DocumentCommands.UpdatePresence>(Assert.Single(blurred.OfType<ToRegion>()).Message);
        Assert.Equal((ConnectionHarness.Session, "alice", false, true), (here.ClientId, here.UserId, here.HasCursor, here.Idle));
        Assert.Equal(ErrorCode.BadMessage, Assert.Single(negative.Errors()).Code);
        Assert.Equal(ErrorCode.NotSubscribed, Assert.Single(elsewhere.Errors()).Code);
    }

    [Fact]
    public void Leaving_a_document_takes_this_sessions_cursor_with_it()
    {
        var h = ConnectionHarness.Subscribed("a");
        h.Subscribe("b");
        h.Frame(new ClientMessages.Subscribe("pending", null)); // not attached yet: no cursor to remove

        var unsubscribed = h.Frame(new ClientMessages.Unsubscribe("a"));
        var departures = h.State.Departures().ToList();

        var removed = Assert.IsType<DocumentCommands.RemovePresence>(Assert.Single(unsubscribed.OfType<ToRegion>()).Message);
        Assert.Equal(("a", ConnectionHarness.Session), (removed.DocumentId.Value, removed.ClientId));
        Assert.Equal([new DocumentCommands.RemovePresence(DocumentId.Parse("b"), ConnectionHarness.Session, "alice")], departures);
    }

    [Fact]
    public void Other_sessions_cursors_are_forwarded_and_this_sessions_own_is_not()
    {
        var h = ConnectionHarness.Subscribed();

        var others = h.Do(s => s.Feed(new FeedMessages.Presence("d", "bob-session", ConnectionHarness.Frame("presence", 1))));
        var own = h.Do(s => s.Feed(new FeedMessages.Presence("d", ConnectionHarness.Session, ConnectionHarness.Frame("presence", 2))));

        Assert.Equal(["presence@1"], others.Frames());
        Assert.Empty(own);
    }

    [Fact]
    public void The_attached_documents_are_the_ones_whose_access_was_confirmed()
    {
        var h = ConnectionHarness.Opened();
        h.Subscribe("a");
        h.Frame(new ClientMessages.Subscribe("b", null));

        Assert.Equal(["a"], h.State.AttachedDocuments);
    }
}
