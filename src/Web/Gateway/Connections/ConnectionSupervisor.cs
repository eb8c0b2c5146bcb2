using Akka.Actor;
using Akka.Event;

namespace AkkaCollab.Web.Gateway.Connections;

/// The parent of this node's connection actors. A connection that throws is stopped, never
/// restarted: its socket and streams cannot be rebuilt behind the client's back (PostStop
/// closes the socket with 1011 and the client reconnects).
public sealed class ConnectionSupervisor : ReceiveActor
{
    public sealed record Open(Props Props);

    public ConnectionSupervisor()
    {
        Receive<Open>(open => Sender.Tell(Context.ActorOf(open.Props)));
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        Context.GetLogger().Error(e, "connection failed; closing its socket");
        return Directive.Stop;
    });

    public static Props PropsFor() => Props.Create(() => new ConnectionSupervisor());
}
