using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using static AkkaCollab.Node.Documents.Messages.DocumentAdmin;

namespace AkkaCollab.Node.Admin;

// One per node: receives `doc kick` from any node (distributed pub-sub topic), answers the
// sender with KickDelivered, and republishes KickUser on this node's EventStream, where each
// connection of that user on that document closes itself.
public sealed class KickRelay : ReceiveActor
{
    public const string Topic = "akkacollab.admin.kick";

    public KickRelay()
    {
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        mediator.Tell(new Subscribe(Topic, Self));
        Receive<SubscribeAck>(_ => { });
        Receive<KickUser>(kick =>
        {
            Context.System.EventStream.Publish(kick);
            Sender.Tell(new KickDelivered(kick.DocumentId, kick.UserId, Cluster.Get(Context.System).SelfAddress.ToString()));
        });
    }

    internal sealed record Start(KickUser Kick);

    internal sealed class Collector : ReceiveActor, IWithTimers
    {
        private readonly List<string> _nodes = [];
        private IActorRef _replyTo = ActorRefs.Nobody;

        public Collector(int expected, TimeSpan timeout)
        {
            Receive<Start>(start =>
            {
                _replyTo = Sender;
                DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(Topic, start.Kick));
                Timers.StartSingleTimer("timeout", ReceiveTimeout.Instance, timeout);
            });
            Receive<KickDelivered>(delivered =>
            {
                _nodes.Add(delivered.Node);
                if (_nodes.Count >= expected)
                {
                    Finish();
                }
            });
            Receive<ReceiveTimeout>(_ => Finish());
        }

        public ITimerScheduler Timers { get; set; } = null!;

        private void Finish()
        {
            _replyTo.Tell((IReadOnlyList<string>)[.. _nodes.Order(StringComparer.Ordinal)]);
            Context.Stop(Self);
        }
    }
}

public static class DocumentKick
{
    public static IActorRef StartRelay(ActorSystem system) => system.ActorOf(Props.Create<KickRelay>(), "admin-kick");

    // Publishes the kick and collects the nodes that received it until every Up member answered
    // or the timeout passed.
    public static async Task<IReadOnlyList<string>> Kick(ActorSystem system, KickUser kick, TimeSpan timeout)
    {
        var expected = Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up);
        var collector = system.ActorOf(Props.Create(() => new KickRelay.Collector(expected, timeout)));
        var done = collector.Ask<IReadOnlyList<string>>(new KickRelay.Start(kick), timeout + TimeSpan.FromSeconds(1));
        return await done;
    }
}
