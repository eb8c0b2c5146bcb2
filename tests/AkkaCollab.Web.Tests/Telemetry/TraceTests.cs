using System.Diagnostics;
using AkkaCollab.Node.Telemetry;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Telemetry;
using AkkaCollab.Web.Tests.Admin;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AkkaCollab.Web.Tests.Telemetry;

public sealed class TraceTests
{
    [Fact]
    public async Task A_submit_produces_one_connected_trace_from_the_socket_frame_through_the_authority_to_the_journal_write()
    {
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(GatewayTelemetry.SourceName, NodeTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            await using var server = await CollabServer.Start(AdminNodes.Settings());
            var doc = "trace-" + Guid.NewGuid().ToString("N")[..8];
            var writer = await OtClient.Start(server, doc, "writer");
            await writer.Edit(Delta.Empty.Insert("t"));
            await writer.ProcessUntil(() => writer.Synchronized, TimeSpan.FromSeconds(15));
            await writer.DisposeAsync();
            tracing.ForceFlush();

            // The trace starts at the socket frame, in the gateway, and ends at the ack.
            var gateway = Assert.Single(spans, s => s.OperationName == GatewayTelemetry.SubmitSpan && (string?)s.GetTagItem(NodeTelemetry.DocumentIdAttribute) == doc);
            Assert.Null(gateway.ParentId);
            Assert.Equal(1L, gateway.GetTagItem(NodeTelemetry.RevisionAttribute));
            Assert.Equal("applied", gateway.GetTagItem(NodeTelemetry.ResultAttribute));
            var submit = Assert.Single(spans, s => s.OperationName == NodeTelemetry.SubmitSpan && (string?)s.GetTagItem(NodeTelemetry.DocumentIdAttribute) == doc);
            Assert.Equal(1L, submit.GetTagItem(NodeTelemetry.RevisionAttribute));
            Assert.Equal("applied", submit.GetTagItem(NodeTelemetry.ResultAttribute));
            Assert.Equal(gateway.TraceId, submit.TraceId);
            Assert.Equal(gateway.SpanId, submit.ParentSpanId);
            Assert.True(submit.StartTimeUtc >= gateway.StartTimeUtc);
            Assert.True(submit.StartTimeUtc + submit.Duration <= gateway.StartTimeUtc + gateway.Duration);
            var journal = Assert.Single(spans, s => s.TraceId == submit.TraceId && s.OperationName == NodeTelemetry.JournalWriteSpan);
            Assert.Equal(submit.SpanId, journal.ParentSpanId);
            // The submit span runs from receipt to ack, around the whole write.
            Assert.True(journal.StartTimeUtc >= submit.StartTimeUtc);
            Assert.True(journal.StartTimeUtc + journal.Duration <= submit.StartTimeUtc + submit.Duration);
            Assert.Equal(3, spans.Count(s => s.TraceId == gateway.TraceId));
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("http://127.0.0.1:4317", true)]
    public void The_server_collects_spans_only_when_an_OTLP_endpoint_is_configured(string? endpoint, bool traced)
    {
        // Without an exporter nothing listens to the sources, so a submit builds no Activity.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
        builder.AddCollabTelemetry();
        using var app = builder.Build();

        Assert.Equal(traced, app.Services.GetService<TracerProvider>() is not null);
    }
}
