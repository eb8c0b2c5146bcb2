using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway.Connections;
using AkkaCollab.Web.Security;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Tests.Gateway.Connections;

/// Hello, authentication, timers and limits: the phases before and around the open socket.
public sealed class ConnectionLifecycleTests
{
    [Fact]
    public void A_hello_with_a_supported_version_is_authenticated_before_the_welcome()
    {
        var h = new ConnectionHarness();

        var atHello = h.Frame(new ClientMessages.Hello(ProtocolVersion.Max, "tok"));
        var expires = h.Utc.AddMinutes(5);
        var atChecked = h.Do(s => s.HelloChecked(new AuthResult("alice", expires, [], null), h.Now));

        Assert.Equal([new Authenticate("tok", Hello: true)], atHello);
        Assert.Equal(ConnectionPhase.Open, h.State.Phase);
        Assert.Equal("alice", h.State.User);
        Assert.Contains(new StartTimer(new ConnectionTimer.TokenExpiry(), TimeSpan.FromMinutes(5)), atChecked);
        Assert.Equal([new ServerMessages.Welcome(ProtocolVersion.Max, ProtocolVersion.Min, ProtocolVersion.Max, ConnectionHarness.Session)],
            atChecked.Sent());
    }

    [Fact]
    public void A_refused_token_is_unauthorized_and_closes_with_4401()
    {
        var h = new ConnectionHarness();
        h.Frame(new ClientMessages.Hello(ProtocolVersion.Max, "bad"));

        var effects = h.Do(s => s.HelloChecked(AuthResult.Refused("token: expired"), h.Now));

        Assert.Equal(ErrorCode.Unauthorized, Assert.Single(effects.Errors()).Code);
        Assert.Equal(CloseCodes.Unauthorized, effects.CloseStarted()?.Code);
        Assert.Empty(effects.Sent().OfType<ServerMessages.Welcome>());
    }

    [Theory]
    [InlineData(ProtocolVersion.Max + 1, ErrorCode.VersionTooNew)]
    [InlineData(ProtocolVersion.Min - 1, ErrorCode.VersionTooOld)]
    public void A_hello_with_an_unsupported_version_closes_with_4426(int version, ErrorCode code)
    {
        var h = new ConnectionHarness();

        var effects = h.Frame(new ClientMessages.Hello(version, "alice"));

        Assert.Equal(code, Assert.Single(effects.Errors()).Code);
        Assert.Equal(CloseCodes.VersionUnsupported, effects.CloseStarted()?.Code);
        Assert.DoesNotContain(effects, e => e is Authenticate);
    }

    [Fact]
    public void A_first_frame_that_is_not_a_hello_is_a_protocol_error()
    {
        var h = new ConnectionHarness();

        var effects = h.Frame(new ClientMessages.Subscribe("d", null));

        Assert.Equal(ErrorCode.ProtocolError, Assert.Single(effects.Errors()).Code);
        Assert.Equal(CloseCodes.ProtocolError, effects.CloseStarted()?.Code);
        Assert.Contains(new FlushOutbound(), effects); // the error goes out before the close frame
    }

    [Fact]
    public void An_invalid_first_frame_is_answered_with_its_error_and_closed()
    {
        var h = new ConnectionHarness();
        var invalid = new ServerMessages.Error(ErrorCode.BadMessage, "frame: not JSON");

        var effects = h.Receive(new Inbound.Invalid(invalid));

        Assert.Equal([invalid], effects.Sent());
        Assert.Equal(CloseCodes.ProtocolError, effects.CloseStarted()?.Code);
    }

    [Fact]
    public void A_second_hello_closes_with_4400()
    {
        var h = ConnectionHarness.Opened();

        var effects = h.Frame(new ClientMessages.Hello(ProtocolVersion.Max, "alice"));

        Assert.Equal(ErrorCode.ProtocolError, Assert.Single(effects.Errors()).Code);
        Assert.Equal(CloseCodes.ProtocolError, effects.CloseStarted()?.Code);
    }

    [Fact]
    public void Auth_for_the_same_user_moves_the_expiry_and_another_user_or_a_refusal_changes_nothing()
    {
        var h = ConnectionHarness.Opened();
        var asked = h.Frame(new ClientMessages.Auth("fresh"));
        var later = h.Utc.AddHours(1);

        var same = h.Do(s => s.Reauthenticated(new AuthResult("alice", later, [], null), h.Now));
        var other = h.Do(s => s.Reauthenticated(new AuthResult("mallory", later, [], null), h.Now));
        var refused = h.Do(s => s.Reauthenticated(AuthResult.Refused("token: bad signature"), h.Now));

        Assert.Equal([new Authenticate("fresh", Hello: false)], asked);
        Assert.Equal([new ServerMessages.Authenticated(later.ToUnixTimeMilliseconds())], same.Sent());
        Assert.Contains(new StartTimer(new ConnectionTimer.TokenExpiry(), TimeSpan.FromHours(1)), same);
        Assert.Equal(ErrorCode.Unauthorized, Assert.Single(other.Errors()).Code);
        Assert.Equal(ErrorCode.Unauthorized, Assert.Single(refused.Errors()).Code);
        Assert.Null(other.CloseStarted());
        Assert.Null(refused.CloseStarted());
        Assert.Equal(ConnectionPhase.Open, h.State.Phase);
    }

    [Fact]
    public void An_expired_token_closes_with_4401()
    {
        var h = ConnectionHarness.Opened();

        var effects = h.Timer(new ConnectionTimer.TokenExpiry());

        Assert.Equal(ErrorCode.Unauthorized, Assert.Single(effects.Errors()).Code);
        Assert.Equal(CloseCodes.Unauthorized, effects.CloseStarted()?.Code);
    }

    [Fact]
    public void The_heartbeat_pings_an_open_socket_and_closes_an_idle_one()
    {
        var h = ConnectionHarness.Opened();

        var alive = h.Timer(new ConnectionTimer.Heartbeat());
        h.Ms += (long)h.Settings.IdleTimeout.TotalMilliseconds + 1;
        var idle = h.Timer(new ConnectionTimer.Heartbeat());

        Assert.Equal([new ServerMessages.Ping(h.Utc.ToUnixTimeMilliseconds())], alive.Sent());
        Assert.Equal(CloseCodes.IdleTimeout, idle.CloseStarted()?.Code);
    }

    [Fact]
    public void A_ping_is_answered_and_any_frame_keeps_the_socket_from_idling()
    {
        var h = ConnectionHarness.Opened();
        h.Ms += (long)h.Settings.IdleTimeout.TotalMilliseconds;

        var pong = h.Frame(new ClientMessages.Ping(7));
        h.Ms += 1;
        var beat = h.Timer(new ConnectionTimer.Heartbeat());

        Assert.Equal([new ServerMessages.Pong(7)], pong.Sent());
        Assert.Null(beat.CloseStarted());
    }

    [Fact]
    public void Rate_limit_strikes_are_errors_until_repeated_then_close_with_4429()
    {
        var settings = new WebSettings { MessagesPerSecond = 1, MessageBurst = 2, RateLimitStrikes = 3 };
        var h = ConnectionHarness.Opened(settings: settings); // the hello took one token
        h.Frame(new ClientMessages.Ping(1));

        var strikes = Enumerable.Range(0, 3).Select(i => h.Frame(new ClientMessages.Ping(i))).ToList();

        Assert.All(strikes, s => Assert.Equal(ErrorCode.RateLimited, Assert.Single(s.Errors()).Code));
        Assert.Empty(strikes[..2].SelectMany(s => s).OfType<ConnectionEffect.CloseStarted>());
        Assert.Equal(CloseCodes.RateLimited, strikes[2].CloseStarted()?.Code);
    }

    [Fact]
    public void A_frame_within_the_limit_resets_the_strikes()
    {
        var settings = new WebSettings { MessagesPerSecond = 1, MessageBurst = 1, RateLimitStrikes = 2 };
        var h = ConnectionHarness.Opened(settings: settings);

        var strike = h.Frame(new ClientMessages.Ping(1));
        h.Ms += 1_000;
        var fine = h.Frame(new ClientMessages.Ping(2));
        var strikeAgain = h.Frame(new ClientMessages.Ping(3));

        Assert.Equal(ErrorCode.RateLimited, Assert.Single(strike.Errors()).Code);
        Assert.Equal([new ServerMessages.Pong(2)], fine.Sent());
        Assert.Null(strikeAgain.CloseStarted());
    }

    [Fact]
    public void The_per_user_limit_names_the_user()
    {
        var security = new SecuritySettings { SocketPerUserPerSecond = 1, SocketPerUserBurst = 1 };
        var h = ConnectionHarness.Opened(user: "limited-" + Guid.NewGuid().ToString("N")[..6], security: security);

        h.Frame(new ClientMessages.Ping(1));
        var refused = h.Frame(new ClientMessages.Ping(2));

        var error = Assert.Single(refused.Errors());
        Assert.Equal(ErrorCode.RateLimited, error.Code);
        Assert.Contains(h.State.User, error.Message);
    }

    [Fact]
    public void A_frame_over_the_size_limit_closes_with_1009()
    {
        var h = ConnectionHarness.Opened();

        var effects = h.Receive(new Inbound.TooLarge(1024));

        Assert.Equal(ErrorCode.TooLarge, Assert.Single(effects.Errors()).Code);
        Assert.Equal(CloseCodes.TooBig, effects.CloseStarted()?.Code);
    }

    [Fact]
    public void A_binary_frame_is_a_bad_message_and_the_socket_stays_open()
    {
        var h = ConnectionHarness.Opened();

        var effects = h.Receive(new Inbound.Binary());

        Assert.Equal(ErrorCode.BadMessage, Assert.Single(effects.Errors()).Code);
        Assert.Equal(ConnectionPhase.Open, h.State.Phase);
    }
}
