using System.Net.WebSockets;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;

namespace AkkaCollab.Web.Gateway.Connections;

/// The parent of this node's connection actors. A connection that throws is stopped, never
/// restarted: its socket and streams cannot be rebuilt behind the client's back (PostStop
/// closes the socket with 1011 and the client reconnects).
///
/// Every connection's streams run on the one materializer made here (a materializer per
/// connection was one more actor per socket). Its buffers start small and grow with use: with
/// the default settings every socket's outbound queue was an array of all its frames
/// (OutboundBufferFrames, 2,048 references: 16 KB per idle socket).
public sealed class ConnectionSupervisor : ReceiveActor
{
    // Buffers up to this many elements are allocated whole; longer ones grow as they fill.
    private const int FixedBufferUpTo = 128;

    public sealed record Open(WebSocket Socket, TaskCompletionSource Finished, GatewayContext Context);

    private readonly IMaterializer _materializer;

    public ConnectionSupervisor()
    {
        _materializer = Context.Materializer(ActorMaterializerSettings.Create(Context.System).WithMaxFixedBufferSize(FixedBufferUpTo), namePrefix: "socket");
        Receive<Open>(open => Sender.Tell(Context.ActorOf(ConnectionActor.PropsFor(open.Socket, open.Finished, open.Context, _materializer))));
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        Context.GetLogger().Error(e, "connection failed; closing its socket");
        return Directive.Stop;
    });

    public static Props PropsFor() => Props.Create(() => new ConnectionSupervisor());
}
