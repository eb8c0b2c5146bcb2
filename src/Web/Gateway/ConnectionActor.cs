using System.Net.WebSockets;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Protocol.Wire.ClientMessages;

namespace AkkaCollab.Web.Gateway;

/// One WebSocket: the actor between its reader and its outbound queue. All per-socket state
/// lives here and is only touched from its mailbox; stream stages and socket tasks talk to it by
/// message.
///
///   awaiting hello ──hello──► authenticating ──token ok──► open ──close (any code)──► closing ──socket closed──► stopped
///         │                        └──token refused: unauthorized, close 4401
///         └──anything else: protocol_error, close 4400
///
/// While open, the token's expiry is a timer: it closes the socket with 4401 unless an
/// auth {token} for the same user moved it first. The reader is not acked while the hello's
/// token is being checked, so no other frame can overtake it.
public sealed partial class ConnectionActor : ReceiveActor, IWithTimers
{
    private sealed record Heartbeat;

    private sealed record OutboundStopped(Exception? Cause);

    private sealed record SocketClosed;

    private sealed record CloseDeadline;

    private sealed record HelloChecked(Security.AuthResult Result, IActorRef Reader);

    private sealed record Reauthenticated(Security.AuthResult Result);

    private sealed record TokenExpired;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly WebSocket _socket;
    private readonly TaskCompletionSource _finished;
    private readonly GatewayContext _ctx;
    private readonly TokenBucket _bucket;
    private readonly Dictionary<string, Subscription> _subs = new(StringComparer.Ordinal);
    private readonly string _session = Guid.NewGuid().ToString("N")[..12];
    private IActorRef _outbound = ActorRefs.Nobody;
    private string _user = "";
    private long _lastHeardMs;
    private int _strikes;
    private bool _closing;
    private bool _readerDone;
    private bool _socketClosed;

    public ConnectionActor(WebSocket socket, TaskCompletionSource finished, GatewayContext ctx)
    {
        _socket = socket;
        _finished = finished;
        _ctx = ctx;
        _bucket = new TokenBucket(ctx.Settings.MessagesPerSecond, ctx.Settings.MessageBurst);
        _lastHeardMs = NowMs();
        Lifecycle();
        AwaitingHello();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private WebSettings Settings => _ctx.Settings;

    public static Props PropsFor(WebSocket socket, TaskCompletionSource finished, GatewayContext ctx) =>
        Props.Create(() => new ConnectionActor(socket, finished, ctx));

    protected override void PreStart()
    {
        _ctx.Metrics.ConnectionOpened();
        var materializer = Context.Materializer();
        (_outbound, var done) = SocketStreams.RunWriter(_socket, Settings.OutboundBufferFrames, materializer);
        done.PipeTo(Self, success: () => new OutboundStopped(null), failure: ex => new OutboundStopped(ex));
        SocketStreams.RunReader(_socket, Settings.MaxFrameBytes, Self, materializer);
        Context.System.EventStream.Subscribe(Self, typeof(DrainRequested));
        Timers.StartPeriodicTimer("heartbeat", new Heartbeat(), Settings.PingInterval);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        foreach (var (doc, sub) in _subs)
        {
            if (sub.Attached)
            {
                _ctx.Feeds.Tell(new FeedMessages.Detach(doc, Self));
            }
        }
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

    /// Messages handled in every state: the streams, the timers, the drain.
    private void Lifecycle()
    {
        Receive<SocketStreams.ReaderInit>(_ => Sender.Tell(new SocketStreams.ReaderAck()));
        Receive<SocketStreams.ReaderDone>(_ => ReaderFinished());
        Receive<SocketStreams.ReaderFailed>(_ => ReaderFinished());
        Receive<OutboundStopped>(stopped =>
        {
            if (stopped.Cause is BufferOverflowException)
            {
                // Nothing more can be queued; the close frame goes straight to the socket.
                Close(CloseCodes.SlowConsumer, "slow consumer: outbound queue overflowed", flush: false);
            }
            else if (!_closing)
            {
                Close(CloseCodes.InternalError, "outbound stream stopped", flush: false);
            }
            else
            {
                CloseSocket();
            }
        });
        Receive<SocketClosed>(_ =>
        {
            _socketClosed = true;
            StopWhenDone();
        });
        Receive<CloseDeadline>(_ => Context.Stop(Self));
        Receive<Heartbeat>(_ =>
        {
            if (NowMs() - _lastHeardMs > Settings.IdleTimeout.TotalMilliseconds)
            {
                Close(CloseCodes.IdleTimeout, "idle: nothing received within the idle timeout", flush: true);
                return;
            }
            if (_user.Length > 0)
            {
                Send(new ServerMessages.Ping(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            }
        });
        Receive<DrainRequested>(_ => Close(CloseCodes.ServiceRestart, "service restart: reconnect to another node", flush: true));
        Receive<TokenExpired>(_ =>
        {
            if (_closing)
            {
                return;
            }
            Send(new ServerMessages.Error(ErrorCode.Unauthorized, "token: expired; send auth {token} with a fresh access token before it expires"));
            Close(CloseCodes.Unauthorized, "token expired", flush: true);
        });
    }

    private void AwaitingHello()
    {
        Receive<Inbound>(inbound =>
        {
            if (_closing || !Heard(inbound))
            {
                Sender.Tell(new SocketStreams.ReaderAck());
                return;
            }
            if (inbound is Inbound.Message { Value: Hello hello })
            {
                OnHello(hello, Sender); // acks the reader once the token is checked
                return;
            }
            Sender.Tell(new SocketStreams.ReaderAck());
            switch (inbound)
            {
                case Inbound.Invalid invalid:
                    Send(invalid.Error);
                    Close(CloseCodes.ProtocolError, "the first frame must be a valid hello", flush: true);
                    break;
                default:
                    Send(new ServerMessages.Error(ErrorCode.ProtocolError, "hello: the first frame must be hello {v, token?}"));
                    Close(CloseCodes.ProtocolError, "the first frame must be hello", flush: true);
                    break;
            }
        });
    }

    private void OnHello(Hello hello, IActorRef reader)
    {
        if (!ProtocolVersion.IsSupported(hello.Version))
        {
            reader.Tell(new SocketStreams.ReaderAck());
            var tooOld = hello.Version < ProtocolVersion.Min;
            Send(new ServerMessages.Error(tooOld ? ErrorCode.VersionTooOld : ErrorCode.VersionTooNew,
                $"v: this server speaks protocol {ProtocolVersion.Min}..{ProtocolVersion.Max}, got {hello.Version}; "
                + (tooOld ? "upgrade the client (reload the page)" : "the server is older than the client; retry later")));
            Close(CloseCodes.VersionUnsupported, "protocol version unsupported", flush: true);
            return;
        }
        _ctx.Identity.Authenticate(hello.Token).PipeTo(Self,
            success: result => new HelloChecked(result, reader),
            failure: ex => new HelloChecked(Security.AuthResult.Refused("token: " + ex.Message), reader));
        Become(() =>
        {
            Lifecycle();
            Receive<HelloChecked>(OnHelloChecked);
        });
    }

    private void OnHelloChecked(HelloChecked checkedHello)
    {
        checkedHello.Reader.Tell(new SocketStreams.ReaderAck());
        if (_closing)
        {
            return;
        }
        if (checkedHello.Result.User is not { } user)
        {
            Send(new ServerMessages.Error(ErrorCode.Unauthorized, checkedHello.Result.Reason ?? "token: not accepted"));
            Close(CloseCodes.Unauthorized, "unauthorized", flush: true);
            return;
        }
        _user = user;
        ExpireAt(checkedHello.Result.Expires);
        Send(new ServerMessages.Welcome(ProtocolVersion.Max, ProtocolVersion.Min, ProtocolVersion.Max, _session));
        Become(() =>
        {
            Lifecycle();
            Open();
        });
    }

    private void OnReauthenticated(Reauthenticated re)
    {
        if (_closing)
        {
            return;
        }
        if (re.Result.User is not { } user)
        {
            // The current token stays in force until it expires.
            Send(new ServerMessages.Error(ErrorCode.Unauthorized, "auth: " + (re.Result.Reason ?? "token: not accepted")));
            return;
        }
        if (user != _user)
        {
            Send(new ServerMessages.Error(ErrorCode.Unauthorized, $"auth: the token is for another user ({user}); open a new socket to change user"));
            return;
        }
        ExpireAt(re.Result.Expires);
        Send(new ServerMessages.Authenticated(re.Result.Expires?.ToUnixTimeMilliseconds() ?? 0));
    }

    /// The socket closes at expires (4401); null (development identities) never expires.
    private void ExpireAt(DateTimeOffset? expires)
    {
        if (expires is not { } at)
        {
            Timers.Cancel("token-expiry");
            return;
        }
        var delay = at - DateTimeOffset.UtcNow;
        Timers.StartSingleTimer("token-expiry", new TokenExpired(), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
    }

    /// Records that the client is alive and charges the rate limit; false when the frame is refused.
    private bool Heard(Inbound inbound)
    {
        _lastHeardMs = NowMs();
        if (inbound is Inbound.TooLarge tooLarge)
        {
            Send(new ServerMessages.Error(ErrorCode.TooLarge, $"frame: larger than the {tooLarge.Limit}-byte limit"));
            Close(CloseCodes.TooBig, "frame too big", flush: true);
            return false;
        }
        var (doc, seq) = inbound switch
        {
            Inbound.Message { Value: ClientMessages.Submit s } => (s.Doc, (long?)s.Seq),
            Inbound.Message { Value: ClientMessages.Presence p } => (p.Doc, null),
            _ => (null, null),
        };
        var limit = !_bucket.TryTake(_lastHeardMs)
            ? $"more than {Settings.MessagesPerSecond} messages per second (burst {Settings.MessageBurst}) on this socket"
            : _user.Length > 0 && !_ctx.Limits.TryUser(_user, _lastHeardMs)
                ? $"user {_user} sends more than the per-user limit across sockets"
                : doc is not null && !_ctx.Limits.TryDocument(doc, _lastHeardMs)
                    ? $"document {doc} receives more than the per-document limit"
                    : null;
        if (limit is null)
        {
            _strikes = 0;
            return true;
        }
        Send(new ServerMessages.Error(ErrorCode.RateLimited, $"rate: {limit}; slow down", doc, seq));
        if (++_strikes >= Settings.RateLimitStrikes)
        {
            Close(CloseCodes.RateLimited, "rate limit exceeded repeatedly", flush: true);
        }
        return false;
    }

    private void ReaderFinished()
    {
        _readerDone = true;
        if (!_closing)
        {
            Close(CloseCodes.Normal, "", flush: true);
        }
        StopWhenDone();
    }

    /// Starts closing with code: flush lets queued frames (the error that explains the close)
    /// go out first; an overflowed queue cannot flush.
    private void Close(int code, string reason, bool flush)
    {
        if (_closing)
        {
            return;
        }
        _closing = true;
        _closeCode = code;
        _closeReason = reason;
        _ctx.Metrics.Closing(code);
        Timers.Cancel("heartbeat");
        Timers.StartSingleTimer("close-deadline", new CloseDeadline(), Settings.CloseTimeout + Settings.CloseTimeout);
        if (flush)
        {
            _outbound.Tell(new Status.Success(Akka.NotUsed.Instance));
        }
        else
        {
            CloseSocket();
        }
    }

    private int _closeCode = CloseCodes.Normal;
    private string _closeReason = "";
    private bool _closeStarted;

    private void CloseSocket()
    {
        if (_closeStarted)
        {
            return;
        }
        _closeStarted = true;
        SocketStreams.Close(_socket, _closeCode, _closeReason, Settings.CloseTimeout)
            .PipeTo(Self, success: () => new SocketClosed(), failure: _ => new SocketClosed());
    }

    private void StopWhenDone()
    {
        if (_socketClosed && (_readerDone || _socket.State is WebSocketState.Closed or WebSocketState.Aborted))
        {
            Context.Stop(Self);
        }
        else if (_socketClosed)
        {
            // The client may never answer the close frame; the deadline timer ends the wait.
            _log.Debug("{0}: close sent, waiting for the client's close", _session);
        }
    }

    private void Send(ServerMessage message) => _outbound.Tell(WireWriter.Encode(message));

    private void SendFrame(byte[] frame) => _outbound.Tell(frame);

    private static long NowMs() => Environment.TickCount64;
}
