using AkkaCollab.Web.Telemetry;
using Akka.Actor;
using AkkaCollab.Web.Configuration;

namespace AkkaCollab.Web.Gateway.Feeds;

/// The parent of this node's local feeds: at most one per open document. It routes Attach and
/// Detach and counts attachments, so it alone decides when a feed with no connections has
/// lingered long enough to stop; an Attach after that creates a fresh feed.
public sealed class FeedRegistry : ReceiveActor, IWithTimers
{
    private sealed record Linger(string Doc, IActorRef Feed);

    private sealed class Entry(IActorRef feed)
    {
        public IActorRef Feed { get; } = feed;
        public int Attached { get; set; }
    }

    private readonly Dictionary<string, Entry> _feeds = new(StringComparer.Ordinal);
    private readonly IActorRef _region;
    private readonly WebSettings _settings;
    private readonly GatewayTelemetry _metrics;
    private long _created;

    public FeedRegistry(IActorRef region, WebSettings settings, GatewayTelemetry metrics)
    {
        _region = region;
        _settings = settings;
        _metrics = metrics;
        Receive<FeedMessages.Attach>(attach =>
        {
            if (!_feeds.TryGetValue(attach.Doc, out var entry))
            {
                var name = $"{attach.Doc}-{++_created}";
                var feed = Context.ActorOf(DocumentFeed.PropsFor(attach.Doc, _region, _settings, _metrics), name);
                Context.Watch(feed);
                _feeds[attach.Doc] = entry = new Entry(feed);
            }
            entry.Attached++;
            entry.Feed.Forward(attach);
        });
        Receive<FeedMessages.Detach>(detach =>
        {
            if (!_feeds.TryGetValue(detach.Doc, out var entry))
            {
                return;
            }
            entry.Feed.Forward(detach);
            entry.Attached = Math.Max(0, entry.Attached - 1);
            if (entry.Attached == 0)
            {
                Timers.StartSingleTimer("linger-" + detach.Doc, new Linger(detach.Doc, entry.Feed), _settings.FeedLinger);
            }
        });
        Receive<Linger>(linger =>
        {
            if (_feeds.TryGetValue(linger.Doc, out var entry) && entry.Feed.Equals(linger.Feed) && entry.Attached == 0)
            {
                _feeds.Remove(linger.Doc);
                Context.Stop(entry.Feed);
            }
        });
        Receive<Terminated>(t =>
        {
            var gone = _feeds.FirstOrDefault(pair => pair.Value.Feed.Equals(t.ActorRef));
            if (gone.Key is not null)
            {
                _feeds.Remove(gone.Key);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    // A feed that throws is a bug; stop it (its connections are told) instead of restarting it
    // with an empty state behind their backs.
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_ => Directive.Stop);

    public static Props PropsFor(IActorRef region, WebSettings settings, GatewayTelemetry metrics) =>
        Props.Create(() => new FeedRegistry(region, settings, metrics));
}
