using System.Diagnostics.Metrics;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Gateway;

namespace AkkaCollab.Web.Telemetry;

/// The gateway's instruments. Today's GatewayMetrics counters are bridged as observable
/// instruments (read on each collection); the instruments the gateway does not feed yet are
/// defined here with the method it must call (see docs/operations.md, "Gateway hooks").
public sealed class GatewayGauges : IDisposable
{
    public const string MeterName = "AkkaCollab.Gateway";

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
    private readonly Counter<long> _resumes;
    private readonly Histogram<double> _fanOut;
    private long _queueDepth;

    public GatewayGauges(GatewayMetrics metrics, IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("akkacollab.gateway.sockets", () => metrics.OpenConnections, "{socket}", "Open WebSocket connections on this node");
        _meter.CreateObservableGauge("akkacollab.gateway.feeds", () => metrics.OpenFeeds, "{feed}", "Documents this node's gateway is subscribed to (one feed each)");
        _meter.CreateObservableCounter("akkacollab.gateway.closes", () => Reasons.Select(r =>
            new Measurement<long>(metrics.ClosedWith(r.Code), new KeyValuePair<string, object?>("reason", r.Reason))), "{socket}", "Sockets the server closed, by reason");
        _meter.CreateObservableGauge("akkacollab.gateway.outbound.queue", () => Interlocked.Read(ref _queueDepth), "{frame}", "Frames queued for sockets, summed over this node's sockets");
        _resumes = _meter.CreateCounter<long>("akkacollab.gateway.resumes", "{socket}", "Subscriptions resumed from a revision after a reconnect (ops replayed, no snapshot)");
        _fanOut = _meter.CreateHistogram<double>("akkacollab.gateway.fanout.duration", "s", "From the feed receiving an op to it being queued on every local socket");
    }

    /// Gateway hook: a socket's outbound queue grew (+n) or drained (-n).
    public void QueueChanged(long delta) => Interlocked.Add(ref _queueDepth, delta);

    /// Gateway hook: a subscribe with from=N was served from the feed's window.
    public void Resumed() => _resumes.Add(1);

    /// Gateway hook: one op fanned out to the local sockets.
    public void FannedOut(TimeSpan took) => _fanOut.Record(took.TotalSeconds);

    public void Dispose() => _meter.Dispose();
}
