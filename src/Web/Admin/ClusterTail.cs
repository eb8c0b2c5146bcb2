using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;

namespace AkkaCollab.Web.Admin;

/// One line of `cluster tail`: a member or reachability event, as this node saw it.
public sealed record MemberEventLine(DateTimeOffset Time, string Event, string Address, string? Status);

/// GET /admin/cluster/tail: newline-delimited JSON (one MemberEventLine per line), streamed as
/// chunks until the client goes away. The current membership comes first, as MemberUp etc.
public static class ClusterTail
{
    public const string ContentType = "application/x-ndjson";

    public static async Task Stream(HttpContext http, ActorSystem system)
    {
        var lines = Channel.CreateBounded<MemberEventLine>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropOldest });
        var listener = system.ActorOf(Props.Create(() => new Listener(lines.Writer)));
        try
        {
            http.Response.ContentType = ContentType;
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.Body.FlushAsync(http.RequestAborted);
            await foreach (var line in lines.Reader.ReadAllAsync(http.RequestAborted))
            {
                await http.Response.WriteAsync(JsonSerializer.Serialize(line, JsonSerializerOptions.Web) + "\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped tailing.
        }
        finally
        {
            system.Stop(listener);
        }
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(ChannelWriter<MemberEventLine> lines)
        {
            Receive<ClusterEvent.IMemberEvent>(e => lines.TryWrite(new(DateTimeOffset.UtcNow, e.GetType().Name, e.Member.Address.ToString(), e.Member.Status.ToString())));
            Receive<ClusterEvent.UnreachableMember>(e => lines.TryWrite(new(DateTimeOffset.UtcNow, "Unreachable", e.Member.Address.ToString(), e.Member.Status.ToString())));
            Receive<ClusterEvent.ReachableMember>(e => lines.TryWrite(new(DateTimeOffset.UtcNow, "Reachable", e.Member.Address.ToString(), e.Member.Status.ToString())));
            Receive<ClusterEvent.LeaderChanged>(e => lines.TryWrite(new(DateTimeOffset.UtcNow, "LeaderChanged", e.Leader?.ToString() ?? "", null)));
            Receive<ClusterEvent.CurrentClusterState>(_ => { });
        }

        protected override void PreStart() =>
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

        protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
