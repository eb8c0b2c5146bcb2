using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Validation;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Security;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Gateway.Connections;

/// Everything one socket decides, with no socket, actor or clock inside: each input (a decoded
/// frame, a feed message, an authority reply, a timer, a stream event) returns the effects to
/// carry out. This file holds hello, authentication, timers and limits; the open phase's
/// documents are in ConnectionState.Open.cs, its submits in ConnectionState.Submits.cs and the
/// close in ConnectionState.Closing.cs.
public sealed partial class ConnectionState
{
    private readonly WebSettings _settings;
    private readonly DeltaValidator _validator;
    private readonly SocketRateLimits _limits;
    private readonly TokenBucket _bucket;
    private List<ConnectionEffect> _effects = [];
    private long _lastHeardMs;
    private int _strikes;
    private bool _readerEnded;

    public ConnectionState(string session, WebSettings settings, DeltaValidator validator, SocketRateLimits limits, long nowMs)
    {
        Session = session;
        _settings = settings;
        _validator = validator;
        _limits = limits;
        _bucket = new TokenBucket(settings.MessagesPerSecond, settings.MessageBurst);
        _lastHeardMs = nowMs;
    }

    public string Session { get; }

    public ConnectionPhase Phase { get; private set; } = ConnectionPhase.AwaitingHello;

    /// The authenticated user; empty before the hello's token was accepted.
    public string User { get; private set; } = "";

    /// Set once the connection is closing: the code and reason of its close frame, and how far it got.
    public (int Code, string Reason, CloseStep Step)? Close { get; private set; }

    /// One frame from the reader.
    public IReadOnlyList<ConnectionEffect> Receive(Inbound inbound, Moment now)
    {
        if (Phase == ConnectionPhase.Closing || !Heard(inbound, now))
        {
            return Done();
        }
        switch (Phase)
        {
            case ConnectionPhase.AwaitingHello:
                OnFirstFrame(inbound);
                break;
            case ConnectionPhase.Authenticating:
                // The reader is not acked while the hello's token is checked, so nothing can overtake it.
                Send(new ServerMessages.Error(ErrorCode.ProtocolError, "hello: wait for welcome before sending more"));
                StartClose(CloseCodes.ProtocolError, "frame before welcome", flush: true);
                break;
            case ConnectionPhase.Open:
                OnOpenFrame(inbound, now);
                break;
        }
        return Done();
    }

    public IReadOnlyList<ConnectionEffect> HelloChecked(AuthResult result, Moment now)
    {
        if (Phase != ConnectionPhase.Authenticating)
        {
            return Done();
        }
        if (result.User is not { } user)
        {
            Send(new ServerMessages.Error(ErrorCode.Unauthorized, result.Reason ?? "token: not accepted"));
            StartClose(CloseCodes.Unauthorized, "unauthorized", flush: true);
            return Done();
        }
        User = user;
        ExpireAt(result.Expires, now);
        Send(new ServerMessages.Welcome(ProtocolVersion.Max, ProtocolVersion.Min, ProtocolVersion.Max, Session));
        Phase = ConnectionPhase.Open;
        return Done();
    }

    /// The answer to an auth {token} sent on the open socket.
    public IReadOnlyList<ConnectionEffect> Reauthenticated(AuthResult result, Moment now)
    {
        if (Phase != ConnectionPhase.Open)
        {
            return Done();
        }
        if (result.User is not { } user)
        {
            // The current token stays in force until it expires.
            Send(new ServerMessages.Error(ErrorCode.Unauthorized, "auth: " + (result.Reason ?? "token: not accepted")));
        }
        else if (user != User)
        {
            Send(new ServerMessages.Error(ErrorCode.Unauthorized, $"auth: the token is for another user ({user}); open a new socket to change user"));
        }
        else
        {
            ExpireAt(result.Expires, now);
            Send(new ServerMessages.Authenticated(result.Expires?.ToUnixTimeMilliseconds() ?? 0));
        }
        return Done();
    }

    public IReadOnlyList<ConnectionEffect> TimerFired(ConnectionTimer timer, Moment now)
    {
        switch (timer)
        {
            case ConnectionTimer.Heartbeat when Phase != ConnectionPhase.Closing:
                if (now.Ms - _lastHeardMs > _settings.IdleTimeout.TotalMilliseconds)
                {
                    StartClose(CloseCodes.IdleTimeout, "idle: nothing received within the idle timeout", flush: true);
                }
                else if (User.Length > 0)
                {
                    Send(new ServerMessages.Ping(now.Utc.ToUnixTimeMilliseconds()));
                }
                break;
            case ConnectionTimer.TokenExpiry when Phase == ConnectionPhase.Open:
                Send(new ServerMessages.Error(ErrorCode.Unauthorized, "token: expired; send auth {token} with a fresh access token before it expires"));
                StartClose(CloseCodes.Unauthorized, "token expired", flush: true);
                break;
            case ConnectionTimer.SubmitTimeout timeout when Phase == ConnectionPhase.Open:
                SubmitWaited(timeout.Key);
                break;
            case ConnectionTimer.CloseDeadline when Phase == ConnectionPhase.Closing:
                StopNow();
                break;
        }
        return Done();
    }

    private void OnFirstFrame(Inbound inbound)
    {
        switch (inbound)
        {
            case Inbound.Message { Value: ClientMessages.Hello hello } when !ProtocolVersion.IsSupported(hello.Version):
                var tooOld = hello.Version < ProtocolVersion.Min;
                Send(new ServerMessages.Error(tooOld ? ErrorCode.VersionTooOld : ErrorCode.VersionTooNew,
                    $"v: this server speaks protocol {ProtocolVersion.Min}..{ProtocolVersion.Max}, got {hello.Version}; "
                    + (tooOld ? "upgrade the client (reload the page)" : "the server is older than the client; retry later")));
                StartClose(CloseCodes.VersionUnsupported, "protocol version unsupported", flush: true);
                break;
            case Inbound.Message { Value: ClientMessages.Hello hello }:
                Phase = ConnectionPhase.Authenticating;
                _effects.Add(new Authenticate(hello.Token, Hello: true));
                break;
            case Inbound.Invalid invalid:
                Send(invalid.Error);
                StartClose(CloseCodes.ProtocolError, "the first frame must be a valid hello", flush: true);
                break;
            default:
                Send(new ServerMessages.Error(ErrorCode.ProtocolError, "hello: the first frame must be hello {v, token?}"));
                StartClose(CloseCodes.ProtocolError, "the first frame must be hello", flush: true);
                break;
        }
    }

    /// The socket closes at expires (4401); null (development identities) never expires.
    private void ExpireAt(DateTimeOffset? expires, Moment now)
    {
        var timer = new ConnectionTimer.TokenExpiry();
        if (expires is not { } at)
        {
            _effects.Add(new CancelTimer(timer));
            return;
        }
        var delay = at - now.Utc;
        _effects.Add(new StartTimer(timer, delay > TimeSpan.Zero ? delay : TimeSpan.Zero));
    }

    /// Records that the client is alive and charges the rate limits; false when the frame is refused.
    private bool Heard(Inbound inbound, Moment now)
    {
        _lastHeardMs = now.Ms;
        if (inbound is Inbound.TooLarge tooLarge)
        {
            Send(new ServerMessages.Error(ErrorCode.TooLarge, $"frame: larger than the {tooLarge.Limit}-byte limit"));
            StartClose(CloseCodes.TooBig, "frame too big", flush: true);
            return false;
        }
        var (doc, seq) = inbound switch
        {
            Inbound.Message { Value: ClientMessages.Submit s } => (s.Doc, (long?)s.Seq),
            Inbound.Message { Value: ClientMessages.Presence p } => (p.Doc, null),
            _ => (null, null),
        };
        var limit = !_bucket.TryTake(now.Ms)
            ? $"more than {_settings.MessagesPerSecond} messages per second (burst {_settings.MessageBurst}) on this socket"
            : User.Length > 0 && !_limits.TryUser(User, now.Ms)
                ? $"user {User} sends more than the per-user limit across sockets"
                : doc is not null && !_limits.TryDocument(doc, now.Ms)
                    ? $"document {doc} receives more than the per-document limit"
                    : null;
        if (limit is null)
        {
            _strikes = 0;
            return true;
        }
        Send(new ServerMessages.Error(ErrorCode.RateLimited, $"rate: {limit}; slow down", doc, seq));
        if (++_strikes >= _settings.RateLimitStrikes)
        {
            StartClose(CloseCodes.RateLimited, "rate limit exceeded repeatedly", flush: true);
        }
        return false;
    }

    private void Send(ServerMessage message) => _effects.Add(new ConnectionEffect.Send(message));

    private IReadOnlyList<ConnectionEffect> Done()
    {
        var effects = _effects;
        _effects = [];
        return effects;
    }
}
