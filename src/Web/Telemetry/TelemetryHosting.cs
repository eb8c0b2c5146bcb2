using System.Diagnostics.Metrics;
using AkkaCollab.Node.Telemetry;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AkkaCollab.Web.Telemetry;

/// OpenTelemetry: the node's and gateway's meters and the node's activity source, ASP.NET Core
/// and Npgsql instrumentation, the Prometheus exporter (served on the admin endpoint, /metrics),
/// and OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_* variables configure it).
/// Traces are collected only then.
public static class TelemetryHosting
{
    public const string ServiceName = "akkacollab";

    private const int CardinalityLimit = 256;

    public static WebApplicationBuilder AddCollabTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(NodeTelemetry.SourceName, ClusterGauges.MeterName, GatewayTelemetry.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddView(Stream)
                    .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        // Spans only when something exports them: with no listener the sources create no
        // Activity, which at ordinary load was 9 % of what the server allocated.
        if (otlp)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(GatewayTelemetry.SourceName, NodeTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                .AddNpgsql()
                .AddOtlpExporter());
        }
        return builder;
    }

    /// GET /metrics, Prometheus text format; the admin middleware confines it to the admin endpoint.
    public static WebApplication MapCollabMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    // Every stream with a cardinality limit of its own: the SDK's default (2,000) reserves 144 KB
    // of points per metric up front (6.9 MB for this server's 48 in a heap dump), where our labels
    // are codes, reasons and statuses and an HTTP route × method × status is the widest. Past
    // the limit the SDK adds to one overflow point, so totals stay right.
    private static MetricStreamConfiguration Stream(Instrument instrument) =>
        instrument.Name is "akkacollab.ack.duration" or "akkacollab.journal.write.duration" or "akkacollab.gateway.fanout.duration"
            ? LatencyBuckets()
            : new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit };

    // Acks and journal writes take about a millisecond on loopback and seconds when in trouble.
    private static ExplicitBucketHistogramConfiguration LatencyBuckets() => new()
    {
        Boundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        CardinalityLimit = CardinalityLimit,
    };
}
