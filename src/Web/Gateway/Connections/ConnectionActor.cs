using System.Net.WebSockets;
using Akka.Actor;
using Akka.Streams;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway.Feeds;
using AkkaCollab.Web.Security;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Gateway.Connections;

/// One WebSocket: the thin shell between its reader, its outbound queue and ConnectionState,
/// which makes every decision. The shell turns messages into the state's inputs, carries out
/// the effects it returns, and switches behaviour when the state's phase changes (the
/// behaviours and the lifecycle diagram are in ConnectionActor.Behaviours.cs). All per-socket
/// state is only touched from the mailbox; stream stages and socket tasks talk to it by message.
public sealed partial class ConnectionActor : ReceiveActor, IWithTimers
{
    private sealed record OutboundStopped(Exception? Cause);

    private sealed record SocketClosed;

    private sealed record HelloChecked(AuthResult Result, IActorRef Reader);

    private sealed record Reauthenticated(AuthResult Result);

    private sealed record AccessAnswered(string Doc, AccessOf? Access, bool Recheck);

    private readonly WebSocket _socket;
    private readonly TaskCompletionSource _finished;
    private readonly GatewayContext _ctx;
    private readonly ConnectionState _state;
    private readonly ConnectionTelemetry _telemetry;
    private readonly IMaterializer _materializer;
    private IActorRef _outbound = ActorRefs.Nobody;
    private bool _outboundEnding; // flushed, or the writer has stopped

    // materializer: the supervisor's, shared by every connection; the streams are not this
    // actor's children, so PostStop ends the writer (the reader ends when this actor stops).
    public ConnectionActor(WebSocket socket, TaskCompletionSource finished, GatewayContext ctx, IMaterializer materializer)
    {
        _socket = socket;
        _materializer = materializer;
        _finished = finished;
        _ctx = ctx;
        _telemetry = new ConnectionTelemetry(ctx.Metrics);
        _state = new ConnectionState(Guid.NewGuid().ToString("N")[..12], ctx.Settings, ctx.Validator, ctx.Limits, Environment.TickCount64);
        AwaitingHello();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private WebSettings Settings => _ctx.Settings;

    public static Props PropsFor(WebSocket socket, TaskCompletionSource finished, GatewayContext ctx, IMaterializer materializer) =>
        Props.Create(() => new ConnectionActor(socket, finished, ctx, materializer));

    protected override void PreStart()
    {
        _ctx.Metrics.ConnectionOpened();
        (_outbound, var done) = SocketStreams.Run(_socket, Settings.MaxFrameBytes, Settings.OutboundBufferFrames, Self, _telemetry.Sent, _materializer);
        done.PipeTo(Self, success: () => new OutboundStopped(null), failure: ex => new OutboundStopped(ex));
        Context.System.EventStream.Subscribe(Self, typeof(DrainRequested));
        Context.System.EventStream.Subscribe(Self, typeof(DocumentAdmin.KickUser));
        Timers.StartPeriodicTimer(new ConnectionTimer.Heartbeat(), new ConnectionTimer.Heartbeat(), Settings.PingInterval);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        if (!_outboundEnding)
        {
            // Stopped with frames still queued: they are dropped, as the socket is closed below.
            _outbound.Tell(new Status.Failure(new InvalidOperationException("connection stopped")));
        }
        foreach (var doc in _state.AttachedDocuments)
        {
            _ctx.Feeds.Tell(new FeedMessages.Detach(doc, Self));
        }
        foreach (var departure in _state.Departures())
        {
            _ctx.Region.Tell(departure);
        }
        _telemetry.Stopped();
        _ctx.Metrics.ConnectionClosed();
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            // Stopped without closing (a bug, or the close deadline): say so rather than vanish.
            var finished = _finished;
            SocketStreams.Close(_socket, CloseCodes.InternalError, "server error", Settings.CloseTimeout)
                .ContinueWith(_ => finished.TrySetResult(), TaskScheduler.Default);
            return;
        }
        _finished.TrySetResult();
    }

    private static Moment Now() => new(Environment.TickCount64, DateTimeOffset.UtcNow);

    /// Carries out the state's effects in order, then follows its phase.
    private void Run(IReadOnlyList<ConnectionEffect> effects)
    {
        foreach (var effect in effects)
        {
            Carry(effect);
        }
        Follow(_state.Phase);
    }

    private void Carry(ConnectionEffect effect)
    {
        switch (effect)
        {
            case ConnectionEffect.Send send:
                _outbound.Tell(WireWriter.Encode(send.Message));
                _telemetry.Queued();
                break;
            case SendFrame frame:
                _outbound.Tell(frame.Frame);
                _telemetry.Queued();
                break;
            case ToRegion { Message: Submit submit }:
                _ctx.Region.Tell(_telemetry.Submitting(submit), Self);
                break;
            case ToRegion toRegion:
                _ctx.Region.Tell(toRegion.Message, Self);
                break;
            case CheckAccess check:
                // An Ask per subscribe or access change (not per keystroke): its answer or its timeout decides.
                _ctx.Region.Ask<AccessOf>(new GetAccess(DocumentId.Parse(check.Doc), check.User), Settings.AuthorityTimeout)
                    .PipeTo(Self, success: access => new AccessAnswered(check.Doc, access, check.Recheck),
                        failure: _ => new AccessAnswered(check.Doc, null, check.Recheck));
                break;
            case Attach attach:
                _ctx.Feeds.Tell(new FeedMessages.Attach(attach.Doc, Self, attach.From));
                if (attach.From is not null)
                {
                    _ctx.Metrics.Resumed();
                }
                break;
            case Detach detach:
                _ctx.Feeds.Tell(new FeedMessages.Detach(detach.Doc, Self));
                break;
            case Authenticate { Hello: true } hello:
                var reader = Sender; // acked once the token is checked, so nothing overtakes the hello
                _ctx.Identity.Authenticate(hello.Token).PipeTo(Self,
                    success: result => new HelloChecked(result, reader),
                    failure: ex => new HelloChecked(AuthResult.Refused("token: " + ex.Message), reader));
                break;
            case Authenticate auth:
                _ctx.Identity.Authenticate(auth.Token).PipeTo(Self,
                    success: result => new Reauthenticated(result),
                    failure: ex => new Reauthenticated(AuthResult.Refused("token: " + ex.Message)));
                break;
            case StartTimer start:
                Timers.StartSingleTimer(start.Timer, start.Timer, start.Delay);
                break;
            case CancelTimer cancel:
                Timers.Cancel(cancel.Timer);
                break;
            case CloseStarted closing:
                _ctx.Metrics.Closing(closing.Code);
                break;
            case FlushOutbound:
                _outboundEnding = true;
                _outbound.Tell(new Status.Success(Akka.NotUsed.Instance));
                break;
            case CloseSocket close:
                SocketStreams.Close(_socket, close.Code, close.Reason, Settings.CloseTimeout)
                    .PipeTo(Self, success: () => new SocketClosed(), failure: _ => new SocketClosed());
                break;
            case Stop:
                Context.Stop(Self);
                break;
        }
    }
}
