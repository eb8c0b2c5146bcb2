using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Gateway.Connections;

/// Closing, in steps: a close starts once (CloseStarted), drains the queued frames unless the
/// queue overflowed (Flushing), sends the close frame (SendingClose), and waits for the client's
/// close only when the reader has not ended yet (AwaitingClientClose). These steps replace what
/// used to be four flags on the actor.
public sealed partial class ConnectionState
{
    /// The node drains: clients reconnect to another node and resume from their revision.
    public IReadOnlyList<ConnectionEffect> Drain()
    {
        StartClose(CloseCodes.ServiceRestart, "service restart: reconnect to another node", flush: true);
        return Done();
    }

    /// An operator removed user from doc (`ctl doc kick`): a socket of that user subscribed to
    /// doc is told why and closed with 4403, like a revocation; every other socket is untouched.
    public IReadOnlyList<ConnectionEffect> Kick(string doc, string user)
    {
        if (Phase == ConnectionPhase.Open && user == User && _subs.ContainsKey(doc))
        {
            Send(new ServerMessages.Error(ErrorCode.Forbidden, $"sub: an operator removed user {user} from {doc}", doc));
            StartClose(CloseCodes.Forbidden, "removed by an operator", flush: true);
        }
        return Done();
    }

    /// The reader ended: the client closed, the socket failed, or a frame was too large.
    public IReadOnlyList<ConnectionEffect> ReaderEnded()
    {
        _readerEnded = true;
        if (Close is { Step: CloseStep.AwaitingClientClose })
        {
            StopNow();
        }
        StartClose(CloseCodes.Normal, "", flush: true);
        return Done();
    }

    /// The outbound stream stopped: after a flush that is the cue for the close frame; otherwise
    /// the socket is unusable (overflowed: the client stopped reading).
    public IReadOnlyList<ConnectionEffect> OutboundEnded(bool overflowed)
    {
        if (Close is { Step: CloseStep.Flushing } close)
        {
            SendClose(close.Code, close.Reason);
        }
        else if (overflowed)
        {
            StartClose(CloseCodes.SlowConsumer, "slow consumer: outbound queue overflowed", flush: false);
        }
        else
        {
            StartClose(CloseCodes.InternalError, "outbound stream stopped", flush: false);
        }
        return Done();
    }

    /// The close frame went out (or could not). SocketFinished: the socket needs no more reading.
    public IReadOnlyList<ConnectionEffect> SocketClosed(bool socketFinished)
    {
        if (Close is { Step: CloseStep.SendingClose } close)
        {
            if (_readerEnded || socketFinished)
            {
                StopNow();
            }
            else
            {
                // The client may never answer the close frame; the deadline ends the wait.
                Close = close with { Step = CloseStep.AwaitingClientClose };
            }
        }
        return Done();
    }

    /// Starts closing with code, once: flush lets queued frames go out first; an overflowed queue cannot flush.
    private void StartClose(int code, string reason, bool flush)
    {
        if (Phase is ConnectionPhase.Closing or ConnectionPhase.Stopped)
        {
            return;
        }
        Phase = ConnectionPhase.Closing;
        Close = (code, reason, CloseStep.Flushing);
        _effects.Add(new CloseStarted(code));
        _effects.Add(new CancelTimer(new ConnectionTimer.Heartbeat()));
        _effects.Add(new StartTimer(new ConnectionTimer.CloseDeadline(), _settings.CloseTimeout + _settings.CloseTimeout));
        if (flush)
        {
            _effects.Add(new FlushOutbound());
        }
        else
        {
            SendClose(code, reason);
        }
    }

    private void SendClose(int code, string reason)
    {
        Close = (code, reason, CloseStep.SendingClose);
        _effects.Add(new CloseSocket(code, reason));
    }

    private void StopNow()
    {
        Phase = ConnectionPhase.Stopped;
        _effects.Add(new Stop());
    }
}
