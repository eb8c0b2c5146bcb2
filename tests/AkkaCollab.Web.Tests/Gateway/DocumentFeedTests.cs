using AkkaCollab.Web.Telemetry;
using System.Collections.Concurrent;
using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway;
using AkkaCollab.Web.Gateway.Feeds;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Tests.Gateway;

/// The local feed against a scripted authority: what it does when the network reorders,
/// duplicates or loses the authority's messages, and when the authority goes away.
[Collection(ServerCollection.Name)]
public sealed class DocumentFeedTests(ServerFixture fixture)
{
    private ActorSystem System => fixture.Server.App.Services.GetRequiredService<ActorSystem>();

    /// Plays the authority: answers Subscribe and GetOps from a fixed history, and counts them.
    private sealed class ScriptedAuthority : ReceiveActor
    {
        public ScriptedAuthority(IReadOnlyList<OpApplied> history, ConcurrentQueue<object> asked)
        {
            Receive<Subscribe>(s =>
            {
                asked.Enqueue(s);
                var from = s.FromRevision ?? 0;
                s.Subscriber.Tell(s.FromRevision is null
                    ? new Subscribed(s.DocumentId, 0, Delta.Empty, [], [])
                    : new Subscribed(s.DocumentId, from, null, [], []));
            });
            Receive<GetOps>(q =>
            {
                asked.Enqueue(q);
                Sender.Tell(new Ops(q.DocumentId, [.. history.Where(o => o.Revision >= q.FromRevision && o.Revision <= q.ToRevision)]));
            });
            Receive<Unsubscribe>(_ => { });
        }
    }

    /// Plays the shard region: routes to the current authority, starting a new one after the old stopped.
    private sealed class ScriptedRegion : ReceiveActor
    {
        public sealed record StopAuthority;

        public ScriptedRegion(IReadOnlyList<OpApplied> history, ConcurrentQueue<object> asked)
        {
            IActorRef? authority = null;
            Receive<StopAuthority>(_ =>
            {
                if (authority is not null)
                {
                    Context.Stop(authority);
                    authority = null;
                }
            });
            ReceiveAny(message =>
            {
                authority ??= Context.ActorOf(Props.Create(() => new ScriptedAuthority(history, asked)));
                authority.Forward(message);
            });
        }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<object> seen) => ReceiveAny(seen.Enqueue);
    }

    private static List<OpApplied> History(string doc, int count) =>
        [.. Enumerable.Range(1, count).Select(r => new OpApplied(DocumentId.Parse(doc), r, "c", r, "u", Delta.Empty.Insert(r.ToString())))];

    private (IActorRef Feed, IActorRef Region, ConcurrentQueue<object> Asked, ConcurrentQueue<object> Seen) Start(string doc, List<OpApplied> history)
    {
        var asked = new ConcurrentQueue<object>();
        var seen = new ConcurrentQueue<object>();
        var region = System.ActorOf(Props.Create(() => new ScriptedRegion(history, asked)));
        var feed = System.ActorOf(DocumentFeed.PropsFor(doc, region, new WebSettings(), new GatewayTelemetry()));
        var connection = System.ActorOf(Props.Create(() => new Collector(seen)));
        feed.Tell(new FeedMessages.Attach(doc, connection, null));
        return (feed, region, asked, seen);
    }

    private static async Task<List<long>> Revisions(ConcurrentQueue<object> seen, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (seen.OfType<FeedMessages.Op>().Count() < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        await Task.Delay(100); // nothing more may follow
        return [.. seen.OfType<FeedMessages.Op>().Select(o => o.Rev)];
    }

    [Fact]
    public async Task Ops_delivered_out_of_order_or_twice_reach_connections_once_in_revision_order()
    {
        var doc = "feed-order";
        var history = History(doc, 5);
        var (feed, region, asked, seen) = Start(doc, history);
        await Task.Delay(200);

        foreach (var rev in new[] { 1, 3, 2, 2, 1, 5, 4 })
        {
            feed.Tell(history[rev - 1], region);
        }

        Assert.Equal([1L, 2, 3, 4, 5], await Revisions(seen, 5));
    }

    [Fact]
    public async Task A_gap_is_filled_by_asking_the_authority_for_the_missing_revisions()
    {
        var doc = "feed-gap";
        var history = History(doc, 6);
        var (feed, region, asked, seen) = Start(doc, history);
        await Task.Delay(200);

        feed.Tell(history[0], region);
        feed.Tell(history[5], region); // 2..5 were lost on the way

        Assert.Equal([1L, 2, 3, 4, 5, 6], await Revisions(seen, 6));
        Assert.Contains(asked.OfType<GetOps>(), q => q.FromRevision == 2 && q.ToRevision == 5);
    }

    [Fact]
    public async Task When_the_authority_terminates_the_feed_resubscribes_from_its_last_revision()
    {
        var doc = "feed-moved";
        var history = History(doc, 3);
        var (feed, region, asked, seen) = Start(doc, history);
        await Task.Delay(200);
        feed.Tell(history[0], region);
        feed.Tell(history[1], region);
        await Revisions(seen, 2);

        region.Tell(new ScriptedRegion.StopAuthority());

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (asked.OfType<Subscribe>().Count() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        // The new incarnation is asked for what came after revision 2, not for the whole document.
        Assert.Equal([null, 2L], asked.OfType<Subscribe>().Select(s => s.FromRevision).Take(2));
        feed.Tell(history[2], region);
        Assert.Equal([1L, 2, 3], await Revisions(seen, 3));
        await feed.GracefulStop(TimeSpan.FromSeconds(5));
    }
}
