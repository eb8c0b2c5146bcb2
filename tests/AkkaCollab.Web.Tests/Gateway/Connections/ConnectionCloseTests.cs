using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Gateway.Connections;
using AkkaCollab.Web.Security;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Tests.Gateway.Connections;

/// Closing: its steps, and a close arriving in each phase.
public sealed class ConnectionCloseTests
{
    public static TheoryData<string> Phases => new() { "awaiting hello", "authenticating", "open", "closing" };

    private static ConnectionHarness In(string phase)
    {
        var h = new ConnectionHarness();
        if (phase == "awaiting hello")
        {
            return h;
        }
        h.Frame(new ClientMessages.Hello(ProtocolVersion.Max, "alice"));
        if (phase == "authenticating")
        {
            return h;
        }
        h.Do(s => s.HelloChecked(new AuthResult("alice", null, [], null), h.Now));
        h.Subscribe("d");
        if (phase == "closing")
        {
            h.Do(s => s.Drain());
        }
        return h;
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public void A_drain_in_any_phase_closes_with_1012_once(string phase)
    {
        var h = In(phase);
        var wasClosing = h.State.Phase == ConnectionPhase.Closing;

        var effects = h.Do(s => s.Drain());

        Assert.Equal(ConnectionPhase.Closing, h.State.Phase);
        Assert.Equal(CloseCodes.ServiceRestart, h.State.Close?.Code);
        if (wasClosing)
        {
            Assert.Empty(effects);
        }
        else
        {
            Assert.Equal([new CloseStarted(CloseCodes.ServiceRestart), new CancelTimer(new ConnectionTimer.Heartbeat()),
                new StartTimer(new ConnectionTimer.CloseDeadline(), h.Settings.CloseTimeout * 2), new FlushOutbound()], effects);
        }
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public void The_client_closing_in_any_phase_ends_with_a_normal_close_and_a_stop(string phase)
    {
        var h = In(phase);
        var code = h.State.Close?.Code ?? CloseCodes.Normal;

        var atReader = h.Do(s => s.ReaderEnded());
        var atFlushed = h.Do(s => s.OutboundEnded(overflowed: false));
        var atClosed = h.Do(s => s.SocketClosed(socketFinished: false));

        Assert.Contains(new CloseSocket(code, h.State.Close?.Reason ?? ""), atFlushed);
        Assert.Equal([new Stop()], atClosed); // the reader had ended: no client close to wait for
        Assert.Equal(ConnectionPhase.Stopped, h.State.Phase);
        Assert.DoesNotContain(atReader, e => e is CloseSocket);
    }

    [Fact]
    public void A_server_close_waits_for_the_clients_close_frame_then_stops()
    {
        var h = In("open");
        h.Do(s => s.Drain());

        var flushed = h.Do(s => s.OutboundEnded(overflowed: false));
        var sent = h.Do(s => s.SocketClosed(socketFinished: false));
        var steps = h.State.Close?.Step;
        var clientClosed = h.Do(s => s.ReaderEnded());

        Assert.Equal([new CloseSocket(CloseCodes.ServiceRestart, "service restart: reconnect to another node")], flushed);
        Assert.Empty(sent);
        Assert.Equal(CloseStep.AwaitingClientClose, steps);
        Assert.Equal([new Stop()], clientClosed);
    }

    [Fact]
    public void A_socket_that_finished_while_closing_stops_without_waiting_for_the_reader()
    {
        var h = In("open");
        h.Do(s => s.Drain());
        h.Do(s => s.OutboundEnded(overflowed: false));

        Assert.Equal([new Stop()], h.Do(s => s.SocketClosed(socketFinished: true)));
    }

    [Fact]
    public void An_overflowed_queue_closes_with_4008_without_flushing()
    {
        var h = In("open");

        var effects = h.Do(s => s.OutboundEnded(overflowed: true));

        Assert.Equal(CloseCodes.SlowConsumer, effects.CloseStarted()?.Code);
        Assert.DoesNotContain(new FlushOutbound(), effects);
        Assert.Contains(new CloseSocket(CloseCodes.SlowConsumer, "slow consumer: outbound queue overflowed"), effects);
        Assert.Equal(CloseStep.SendingClose, h.State.Close?.Step);
    }

    [Fact]
    public void An_outbound_stream_that_stops_on_its_own_closes_with_1011()
    {
        var h = In("open");

        var effects = h.Do(s => s.OutboundEnded(overflowed: false));

        Assert.Equal(CloseCodes.InternalError, effects.CloseStarted()?.Code);
        Assert.Contains(new CloseSocket(CloseCodes.InternalError, "outbound stream stopped"), effects);
    }

    [Theory]
    [InlineData(CloseStep.Flushing)]
    [InlineData(CloseStep.SendingClose)]
    [InlineData(CloseStep.AwaitingClientClose)]
    public void The_close_deadline_stops_the_connection_at_any_step(CloseStep step)
    {
        var h = In("open");
        h.Do(s => s.Drain());
        if (step >= CloseStep.SendingClose)
        {
            h.Do(s => s.OutboundEnded(overflowed: false));
        }
        if (step == CloseStep.AwaitingClientClose)
        {
            h.Do(s => s.SocketClosed(socketFinished: false));
        }
        Assert.Equal(step, h.State.Close?.Step);

        Assert.Equal([new Stop()], h.Timer(new ConnectionTimer.CloseDeadline()));
    }

    [Fact]
    public void A_token_check_answered_after_the_close_began_sends_no_welcome()
    {
        var h = In("authenticating");
        h.Do(s => s.Drain());

        var effects = h.Do(s => s.HelloChecked(new AuthResult("alice", null, [], null), h.Now));

        Assert.Empty(effects);
        Assert.Equal(ConnectionPhase.Closing, h.State.Phase);
    }

    [Fact]
    public void While_closing_frames_feed_messages_replies_and_timers_change_nothing()
    {
        var h = In("open");
        h.Submit();
        h.Do(s => s.Drain());

        var effects = new[]
        {
            h.Submit(seq: 2),
            h.FeedOp(rev: 1),
            h.Reply(rev: 1),
            h.Access("d", AccessLevel.None, recheck: true),
            h.Timer(new ConnectionTimer.SubmitTimeout(new SubmitKey("d", "c", 1))),
            h.Timer(new ConnectionTimer.TokenExpiry()),
            h.Timer(new ConnectionTimer.Heartbeat()),
        };

        Assert.All(effects, Assert.Empty);
        Assert.Equal(CloseCodes.ServiceRestart, h.State.Close?.Code);
    }

    [Fact]
    public void A_frame_before_the_welcome_is_a_protocol_error()
    {
        var h = In("authenticating");

        var effects = h.Frame(new ClientMessages.Ping(1));

        Assert.Equal(ErrorCode.ProtocolError, Assert.Single(effects.Errors()).Code);
        Assert.Equal(CloseCodes.ProtocolError, effects.CloseStarted()?.Code);
    }
}
