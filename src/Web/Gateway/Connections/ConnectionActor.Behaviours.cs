using System.Net.WebSockets;
using Akka.Actor;
using Akka.Streams;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;

namespace AkkaCollab.Web.Gateway.Connections;

/// The four behaviours, one per ConnectionPhase; Run switches between them after every input:
///
///   AwaitingHello ──hello {v ok}──► Authenticating ──token accepted: welcome──► Open
///        │                               │                                      │
///        │ not a hello, bad v,           │ token refused (4401)                 │ reader ended (1000), drain (1012),
///        │ too large, rate strikes       │                                      │ idle, expiry, revoke, 2nd hello,
///        ▼                               ▼                                      ▼ too large, rate strikes, overflow
///      Closing:  Flushing ──outbound done──► SendingClose ──close sent──► AwaitingClientClose ──reader ended──► stopped
///                (queue overflowed: straight to SendingClose)     └──reader already ended──► stopped
///                the close deadline stops the actor from any step
///
/// While authenticating the reader is not acked, so no frame can overtake the hello. While open,
/// the token's expiry is a timer: it closes the socket with 4401 unless an auth {token} for the
/// same user moved it first.
public sealed partial class ConnectionActor
{
    private ConnectionPhase _behaviour = ConnectionPhase.AwaitingHello;

    private void Follow(ConnectionPhase phase)
    {
        if (phase == _behaviour || phase == ConnectionPhase.Stopped)
        {
            return;
        }
        _behaviour = phase;
        switch (phase)
        {
            case ConnectionPhase.Authenticating:
                Become(Authenticating);
                break;
            case ConnectionPhase.Open:
                Become(Open);
                break;
            case ConnectionPhase.Closing:
                Become(Closing);
                break;
        }
    }

    /// Messages handled in every phase: the streams, the timers, the drain.
    private void Lifecycle()
    {
        Receive<SocketStreams.ReaderInit>(_ => Sender.Tell(new SocketStreams.ReaderAck()));
        Receive<SocketStreams.ReaderDone>(_ => Run(_state.ReaderEnded()));
        Receive<SocketStreams.ReaderFailed>(_ => Run(_state.ReaderEnded()));
        Receive<OutboundStopped>(stopped =>
        {
            _outboundEnding = true;
            _telemetry.OutboundEnded();
            Run(_state.OutboundEnded(overflowed: stopped.Cause is BufferOverflowException));
        });
        Receive<SocketClosed>(_ => Run(_state.SocketClosed(socketFinished: _socket.State is WebSocketState.Closed or WebSocketState.Aborted)));
        Receive<ConnectionTimer>(timer => Run(_state.TimerFired(timer, Now())));
        Receive<DrainRequested>(_ => Run(_state.Drain()));
        Receive<DocumentAdmin.KickUser>(kick => Run(_state.Kick(kick.DocumentId.Value, kick.UserId)));
    }

    private void AwaitingHello()
    {
        Lifecycle();
        Receive<Inbound>(inbound =>
        {
            var effects = _state.Receive(inbound, Now());
            if (_state.Phase != ConnectionPhase.Authenticating)
            {
                Sender.Tell(new SocketStreams.ReaderAck());
            }
            Run(effects); // a hello's Authenticate effect keeps this Sender to ack once checked
        });
    }

    private void Authenticating()
    {
        Lifecycle();
        Receive<HelloChecked>(hello =>
        {
            hello.Reader.Tell(new SocketStreams.ReaderAck());
            Run(_state.HelloChecked(hello.Result, Now()));
        });
        Receive<Inbound>(inbound =>
        {
            Sender.Tell(new SocketStreams.ReaderAck());
            Run(_state.Receive(inbound, Now()));
        });
    }

    private void Open()
    {
        Lifecycle();
        Receive<Inbound>(inbound =>
        {
            Sender.Tell(new SocketStreams.ReaderAck());
            Run(_state.Receive(inbound, Now()));
        });
        Receive<FeedMessages.Op>(op =>
        {
            var effects = _state.Feed(op);
            Run(effects);
            _telemetry.Delivered(op, effects);
        });
        Receive<FeedMessages.Snapshot>(snapshot => Run(_state.Feed(snapshot)));
        Receive<FeedMessages.Subscribed>(subscribed => Run(_state.Feed(subscribed)));
        Receive<FeedMessages.Presence>(presence => Run(_state.Feed(presence)));
        Receive<FeedMessages.Title>(title => Run(_state.Feed(title)));
        Receive<FeedMessages.Rejected>(rejected => Run(_state.Feed(rejected)));
        Receive<FeedMessages.AccessChanged>(changed => Run(_state.Feed(changed)));
        Receive<SubmitAcked>(acked =>
        {
            Run(_state.SubmitAnswered(acked));
            _telemetry.Acked(acked);
        });
        Receive<SubmitRejected>(rejected =>
        {
            Run(_state.SubmitAnswered(rejected));
            _telemetry.Refused(rejected);
        });
        Receive<AccessAnswered>(answer => Run(_state.AccessAnswered(answer.Doc, answer.Access, answer.Recheck)));
        Receive<Reauthenticated>(re => Run(_state.Reauthenticated(re.Result, Now())));
    }

    private void Closing()
    {
        Lifecycle();
        Receive<Inbound>(_ => Sender.Tell(new SocketStreams.ReaderAck()));
        Receive<HelloChecked>(hello => hello.Reader.Tell(new SocketStreams.ReaderAck()));
        // Feed messages, replies and answers that were in flight: the socket is going away.
        ReceiveAny(_ => { });
    }
}
