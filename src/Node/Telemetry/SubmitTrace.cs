using System.Diagnostics;
using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;

namespace AkkaCollab.Node.Telemetry;

// One submit at its authority, from receipt to ack: the root span with a child span around the
// journal write, and the matching metrics. Spans are created with explicit parents and never left
// as Activity.Current, because the actor's thread goes on to other messages (and documents).
public sealed class SubmitTrace
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Activity? _submit;
    private Activity? _journal;
    private long _journalStart;

    private SubmitTrace(DocumentId id, Submit submit)
    {
        // The gateway's span is the parent when the submit carries its context.
        ActivityContext.TryParse(submit.TraceParent, null, isRemote: true, out var parent);
        _submit = Detached(() => NodeTelemetry.Source.StartActivity(NodeTelemetry.SubmitSpan, ActivityKind.Server, parent));
        _submit?.SetTag(NodeTelemetry.DocumentIdAttribute, id.Value);
        _submit?.SetTag(NodeTelemetry.BaseRevisionAttribute, submit.BaseRevision);
        NodeTelemetry.OpsSubmitted.Add(1);
    }

    public static SubmitTrace Begin(DocumentId id, Submit submit) => new(id, submit);

    // The event (at revision) is handed to the journal, behind inflight - 1 others of this document.
    public void Persisting(long revision, int inflight)
    {
        _submit?.SetTag(NodeTelemetry.RevisionAttribute, revision);
        _journalStart = Stopwatch.GetTimestamp();
        if (_submit is not null)
        {
            _journal = Detached(() => NodeTelemetry.Source.StartActivity(NodeTelemetry.JournalWriteSpan, ActivityKind.Internal, _submit.Context));
            _journal?.SetTag(NodeTelemetry.RevisionAttribute, revision);
        }
        NodeTelemetry.JournalInflight.Record(inflight);
    }

    public void Durable()
    {
        NodeTelemetry.JournalWriteDuration.Record(NodeTelemetry.Seconds(_journalStart));
        _journal?.Dispose();
    }

    public void Acked(long revision, bool duplicate)
    {
        NodeTelemetry.OpsAcked.Add(1, new KeyValuePair<string, object?>("duplicate", duplicate));
        NodeTelemetry.AckDuration.Record(NodeTelemetry.Seconds(_start));
        _submit?.SetTag(NodeTelemetry.RevisionAttribute, revision);
        _submit?.SetTag(NodeTelemetry.ResultAttribute, duplicate ? "duplicate" : "applied");
        _submit?.Dispose();
    }

    public void Refused(ErrorCode code)
    {
        NodeTelemetry.OpsRefused.Add(1, new KeyValuePair<string, object?>("code", Protocol.Wire.ErrorCodes.ToWire(code)));
        _submit?.SetTag(NodeTelemetry.ResultAttribute, "refused");
        _submit?.SetStatus(ActivityStatusCode.Error, Protocol.Wire.ErrorCodes.ToWire(code));
        _submit?.Dispose();
    }

    private static Activity? Detached(Func<Activity?> start)
    {
        var previous = Activity.Current;
        var activity = start();
        Activity.Current = previous;
        return activity;
    }
}
