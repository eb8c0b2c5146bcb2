using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Web.Telemetry;

/// Every gateway instrument, in one place, and the one source of the figures the gateway itself
/// reads (GatewayDrain waits on OpenConnections) and tests read: the observable instruments
/// report the same fields these properties return. Fed by the actor shells from the effects
/// they carry out; the pure states never see it.
public sealed class GatewayTelemetry : IDisposable
{
    public const string MeterName = "AkkaCollab.Gateway";

    public const string SourceName = "AkkaCollab.Gateway";

    /// The gateway's span around one submit: the socket frame to its ack (or refusal).
    public const string SubmitSpan = "gateway.submit";

    public static readonly ActivitySource Source = new(SourceName);

    // Close codes worth a series each; everything else is counted under "other".
    private static readonly (int Code, string Reason)[] Reasons =
    [
        (CloseCodes.SlowConsumer, "slow_consumer"),
        (CloseCodes.IdleTimeout, "idle"),
        (CloseCodes.RateLimited, "rate_limit"),
        (CloseCodes.ServiceRestart, "drain"),
        (CloseCodes.TooBig, "too_big"),
        (CloseCodes.ProtocolError, "protocol_error"),
        (CloseCodes.Unauthorized, "unauthorized"),
        (CloseCodes.Forbidden, "forbidden"),
        (CloseCodes.VersionUnsupported, "version"),
        (CloseCodes.InternalError, "internal_error"),
        (CloseCodes.Normal, "normal"),
    ];

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<int, long> _closes = new();
    private readonly Counter<long> _resumes;
    private readonly Histogram<double> _fanOut;
    private long _openConnections;
    private long _openFeeds;
    private long _unrequestedSnapshots;
    private long _queueDepth;
    private long _presence;

    /// meters: the host's factory. Without one (an actor under test) the meter has another name,
    /// so that it never adds series to a hosted node's export in the same process.
    public GatewayTelemetry(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName + ".Standalone");
        _meter.CreateObservableGauge("akkacollab.gateway.sockets", () => OpenConnections, "{socket}", "Open WebSocket connections on this node");
        _meter.CreateObservableGauge("akkacollab.gateway.feeds", () => OpenFeeds, "{feed}", "Documents this node's gateway is subscribed to (one feed each)");
        _meter.CreateObservableCounter("akkacollab.gateway.closes", () => Reasons.Select(r =>
            new Measurement<long>(ClosedWith(r.Code), new KeyValuePair<string, object?>("reason", r.Reason))).Append(
            new Measurement<long>(OtherCloses(), new KeyValuePair<string, object?>("reason", "other"))), "{socket}", "Sockets the server closed, by reason");
        _meter.CreateObservableGauge("akkacollab.gateway.outbound.queue", () => Interlocked.Read(ref _queueDepth), "{frame}", "Frames queued for sockets and not yet sent, summed over this node's sockets");
        _meter.CreateObservableCounter("akkacollab.gateway.snapshots.unrequested", () => UnrequestedSnapshotsSent, "{snapshot}", "Snapshots sent to live sockets because the authority had lost the ops they needed");
        _meter.CreateObservableGauge("akkacollab.gateway.presence", () => Interlocked.Read(ref _presence), "{cursor}", "Other clients' cursors this node's feeds relay (summed over its documents)");
        _resumes = _meter.CreateCounter<long>("akkacollab.gateway.resumes", "{subscription}", "Subscriptions with from=N (a client resuming after a reconnect)");
        _fanOut = _meter.CreateHistogram<double>("akkacollab.gateway.fanout.duration", "s", "From the feed receiving a committed op from its authority to the frame queued on a socket");
    }

    public long OpenConnections => Interlocked.Read(ref _openConnections);

    public long OpenFeeds => Interlocked.Read(ref _openFeeds);

    /// Snapshots sent to live connections because the authority had lost the ops they needed.
    public long UnrequestedSnapshotsSent => Interlocked.Read(ref _unrequestedSnapshots);

    public long OutboundQueueDepth => Interlocked.Read(ref _queueDepth);

    public long ClosedWith(int code) => _closes.GetValueOrDefault(code);

    internal void ConnectionOpened() => Interlocked.Increment(ref _openConnections);

    internal void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    internal void FeedStarted() => Interlocked.Increment(ref _openFeeds);

    internal void FeedStopped() => Interlocked.Decrement(ref _openFeeds);

    internal void SentUnrequestedSnapshots(int connections) => Interlocked.Add(ref _unrequestedSnapshots, connections);

    internal void Closing(int code) => _closes.AddOrUpdate(code, 1, (_, n) => n + 1);

    internal void QueueChanged(long delta) => Interlocked.Add(ref _queueDepth, delta);

    internal void PresenceChanged(long delta) => Interlocked.Add(ref _presence, delta);

    internal void Resumed() => _resumes.Add(1);

    /// An op's frame was queued on a socket; since: Stopwatch timestamp of the feed's receipt.
    internal void FannedOut(long since) => _fanOut.Record(Stopwatch.GetElapsedTime(since).TotalSeconds);

    private long OtherCloses() => _closes.Where(c => !Reasons.Any(r => r.Code == c.Key)).Sum(c => c.Value);

    public void Dispose() => _meter.Dispose();
}
