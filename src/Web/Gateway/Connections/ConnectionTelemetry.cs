using System.Diagnostics;
using AkkaCollab.Node.Telemetry;
using AkkaCollab.Web.Gateway.Feeds;
using AkkaCollab.Web.Telemetry;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;

namespace AkkaCollab.Web.Gateway.Connections;

/// What one connection's shell reports: its outbound queue (into the node's queue gauge), fan-out
/// latency, and one span per submit from the socket frame to its answer, whose context travels
/// on the Submit so that the authority's span is its child. Counted from the effects the shell
/// carries out; ConnectionState knows nothing of it.
internal sealed class ConnectionTelemetry(GatewayTelemetry node)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SubmitKey, Activity> _submits = [];
    private long _queued;
    private bool _outboundEnded;

    /// A frame was handed to the outbound queue (from the actor).
    public void Queued()
    {
        lock (_gate)
        {
            if (_outboundEnded)
            {
                return; // a dead letter, never queued
            }
            _queued++;
        }
        node.QueueChanged(1);
    }

    /// The writer sent a frame (from the stream's thread).
    public void Sent()
    {
        lock (_gate)
        {
            if (_outboundEnded || _queued == 0)
            {
                return;
            }
            _queued--;
        }
        node.QueueChanged(-1);
    }

    /// The writer stopped: whatever it still held will never be sent.
    public void OutboundEnded()
    {
        long left;
        lock (_gate)
        {
            _outboundEnded = true;
            left = _queued;
            _queued = 0;
        }
        node.QueueChanged(-left);
    }

    /// A live op reached this connection: if its frame was queued, one fan-out sample from the
    /// feed's receipt; if it was this connection's own op, the client got its ack now.
    public void Delivered(FeedMessages.Op op, IReadOnlyList<ConnectionEffect> effects)
    {
        if (!Sends(effects, op.Frame))
        {
            End(new SubmitKey(op.Doc, op.Client, op.Seq), op.Rev, "applied");
        }
        else if (op.Received != 0)
        {
            node.FannedOut(op.Received);
        }
    }

    /// The submit as it goes to the authority, carrying its span's context. A resend of the same
    /// (doc, client, seq) continues the span of the first.
    public Submit Submitting(Submit submit)
    {
        var key = new SubmitKey(submit.DocumentId.Value, submit.ClientId, submit.Seq);
        if (!_submits.TryGetValue(key, out var span))
        {
            // A root: the socket's upgrade request spans the whole connection, not this submit.
            var previous = Activity.Current;
            Activity.Current = null;
            span = GatewayTelemetry.Source.StartActivity(GatewayTelemetry.SubmitSpan, ActivityKind.Server);
            Activity.Current = previous;
            if (span is null)
            {
                return submit;
            }
            span.SetTag(NodeTelemetry.DocumentIdAttribute, submit.DocumentId.Value);
            span.SetTag(NodeTelemetry.BaseRevisionAttribute, submit.BaseRevision);
            _submits[key] = span;
        }
        return submit with { TraceParent = span.Id };
    }

    public void Acked(SubmitAcked acked) =>
        End(new SubmitKey(acked.DocumentId.Value, acked.ClientId, acked.Seq), acked.Revision, acked.Duplicate ? "duplicate" : "applied");

    public void Refused(SubmitRejected rejected)
    {
        if (_submits.Remove(new SubmitKey(rejected.DocumentId.Value, rejected.ClientId, rejected.Seq), out var span))
        {
            span.SetTag(NodeTelemetry.ResultAttribute, "refused");
            span.SetStatus(ActivityStatusCode.Error, Protocol.Wire.ErrorCodes.ToWire(rejected.Code));
            span.Dispose();
        }
    }

    // A loop, not Any with a closure: this runs for every op on every socket.
    private static bool Sends(IReadOnlyList<ConnectionEffect> effects, byte[] frame)
    {
        for (var i = 0; i < effects.Count; i++)
        {
            if (effects[i] is ConnectionEffect.SendFrame f && ReferenceEquals(f.Frame, frame))
            {
                return true;
            }
        }
        return false;
    }

    private void End(SubmitKey key, long revision, string result)
    {
        if (_submits.Remove(key, out var span))
        {
            span.SetTag(NodeTelemetry.RevisionAttribute, revision);
            span.SetTag(NodeTelemetry.ResultAttribute, result);
            span.Dispose();
        }
    }

    /// The connection stopped: unanswered submits end unanswered (the client resends them).
    public void Stopped()
    {
        OutboundEnded();
        foreach (var span in _submits.Values)
        {
            span.SetStatus(ActivityStatusCode.Error, "connection closed before the answer");
            span.Dispose();
        }
        _submits.Clear();
    }
}
