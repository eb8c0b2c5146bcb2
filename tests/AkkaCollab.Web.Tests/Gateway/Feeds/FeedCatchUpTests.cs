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

namespace AkkaCollab.Web.Tests.Gateway.Feeds;

/// The feed against a real authority on the server's journal: when the document moves and is
/// edited before the feed finds it again, the feed's connections get the missed ops, not a snapshot.
[Collection(ServerCollection.Name)]
public sealed class FeedCatchUpTests(ServerFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private ActorSystem System => fixture.Server.App.Services.GetRequiredService<ActorSystem>();

    /// Plays the shard region for one document. Move stops the authority and holds every
    /// Subscribe (the feed cannot find the document) until Arrive; other messages start a new
    /// incarnation, which recovers from the journal with a window of 2 ops.
    private sealed class MovingRegion : ReceiveActor
    {
        public sealed record Move;

        public sealed record Arrive;

        public MovingRegion(DocumentId id)
        {
            var limits = new DocumentLimits { WindowSize = 2 };
            IActorRef? authority = null;
            var held = new List<(Subscribe Message, IActorRef Sender)>();
            var moving = false;
            IActorRef Authority() => authority ??= Context.ActorOf(DocumentEntity.PropsFor(id, limits));
            Receive<Move>(_ =>
            {
                moving = true;
                if (authority is not null)
                {
                    Context.Stop(authority);
                    authority = null;
                }
            });
            Receive<Arrive>(_ =>
            {
                moving = false;
                held.ForEach(h => Authority().Tell(h.Message, h.Sender));
                held.Clear();
            });
            Receive<Subscribe>(s => moving, s => held.Add((s, Sender)));
            ReceiveAny(message => Authority().Forward(message));
        }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<object> seen) => ReceiveAny(seen.Enqueue);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task After_a_move_the_feed_catches_up_with_the_ops_its_authority_reads_from_the_journal_never_a_snapshot()
    {
        var doc = "feed-catchup-" + Guid.NewGuid().ToString("N")[..8];
        var id = DocumentId.Parse(doc);
        var seen = new ConcurrentQueue<object>();
        using var metrics = new GatewayTelemetry();
        var region = System.ActorOf(Props.Create(() => new MovingRegion(id)));
        var feed = System.ActorOf(DocumentFeed.PropsFor(doc, region, new WebSettings(), metrics));
        feed.Tell(new FeedMessages.Attach(doc, System.ActorOf(Props.Create(() => new Collector(seen))), null));
        async Task Edit(long rev) =>
            await region.Ask<SubmitAcked>(new Submit(id, "writer", rev + 1, rev, Delta.Empty.Insert("x"), "u"), Wait);
        // Subscribed before the first edit: a feed whose Subscribe reached the authority after the
        // edits would start from their content, not from their ops (a loaded CI machine did that).
        await Until(() => seen.OfType<FeedMessages.Subscribed>().Any(), "the feed subscribed");
        for (var rev = 0; rev < 3; rev++)
        {
            await Edit(rev);
        }
        await Until(() => seen.OfType<FeedMessages.Op>().Count() == 3, "the first 3 ops");

        region.Tell(new MovingRegion.Move());
        for (var rev = 3; rev < 13; rev++)
        {
            await Edit(rev); // the new incarnation, which the feed has not found yet
        }
        region.Tell(new MovingRegion.Arrive());
        await Until(() => seen.OfType<FeedMessages.Op>().Count() >= 13, "the 10 missed ops");
        await Edit(13);
        await Until(() => seen.OfType<FeedMessages.Op>().Count() >= 14, "the next live op");

        Assert.Equal(Enumerable.Range(1, 14).Select(r => (long)r), seen.OfType<FeedMessages.Op>().Select(o => o.Rev));
        Assert.Equal([0L], seen.OfType<FeedMessages.Snapshot>().Select(s => s.Rev)); // the one it asked for
        Assert.Equal(0, metrics.UnrequestedSnapshotsSent);
        await feed.GracefulStop(Wait);
    }
}
