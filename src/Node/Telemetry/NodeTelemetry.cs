using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AkkaCollab.Node.Telemetry;

// Every node-side instrument, in one place. Labels are low-cardinality only (an error code, a
// result); per-document figures are in `ctl doc info`, never labels. Static because the
// document entities are created by sharding, outside dependency injection; the names are the
// contract with dashboards (docs/operations.md).
public static class NodeTelemetry
{
    public const string SourceName = "AkkaCollab.Node";

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(SourceName);

    public static readonly Counter<long> OpsSubmitted = Meter.CreateCounter<long>(
        "akkacollab.ops.submitted", "{op}", "Submits that reached a document's authority");

    public static readonly Counter<long> OpsAcked = Meter.CreateCounter<long>(
        "akkacollab.ops.acked", "{op}", "Submits acked (durable); duplicate=true for a resend of an applied op");

    public static readonly Counter<long> OpsRefused = Meter.CreateCounter<long>(
        "akkacollab.ops.refused", "{op}", "Submits refused by the authority, by error code");

    public static readonly Histogram<double> AckDuration = Meter.CreateHistogram<double>(
        "akkacollab.ack.duration", "s", "From the authority's receipt of a submit to its ack (includes the journal write)");

    public static readonly Histogram<double> JournalWriteDuration = Meter.CreateHistogram<double>(
        "akkacollab.journal.write.duration", "s", "From handing an event to the journal to its persist handler");

    public static readonly Histogram<long> JournalInflight = Meter.CreateHistogram<long>(
        "akkacollab.journal.write.inflight", "{event}", "Events of one document in flight to the journal when one more is handed over (the pipeline the journal batches)");

    public static readonly Counter<long> Snapshots = Meter.CreateCounter<long>(
        "akkacollab.snapshots", "{snapshot}", "Snapshot saves, by result (saved, failed)");

    public static readonly UpDownCounter<long> ActiveDocuments = Meter.CreateUpDownCounter<long>(
        "akkacollab.documents.active", "{document}", "Document entities running in this process");

    public static readonly UpDownCounter<long> Presence = Meter.CreateUpDownCounter<long>(
        "akkacollab.presence.active", "{cursor}", "Live cursors and selections held by this process's documents");

    public static readonly Counter<long> DocumentRecoveries = Meter.CreateCounter<long>(
        "akkacollab.documents.recovered", "{document}", "Document entities that finished recovery (started or moved here)");

    // Span and attribute names (OpenTelemetry semantic style).
    public const string SubmitSpan = "document.submit";
    public const string JournalWriteSpan = "journal.write";
    public const string DocumentIdAttribute = "akkacollab.document.id";
    public const string RevisionAttribute = "akkacollab.document.revision";
    public const string BaseRevisionAttribute = "akkacollab.document.base_revision";
    public const string ResultAttribute = "akkacollab.submit.result";

    public static double Seconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
