using System.Diagnostics;
using AkkaCollab.Node.Telemetry;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Tests.Admin;
using AkkaCollab.Web.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AkkaCollab.Web.Tests.Telemetry;

public sealed class TraceTests
{
    [Fact]
    public async Task A_submit_produces_one_connected_trace_whose_spans_cover_the_journal_write()
    {
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(NodeTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        {
            await using var server = await CollabServer.Start(AdminNodes.Settings());
            var doc = "trace-" + Guid.NewGuid().ToString("N")[..8];
            var writer = await OtClient.Start(server, doc, "writer");
            await writer.Edit(Delta.Empty.Insert("t"));
            await writer.ProcessUntil(() => writer.Synchronized, TimeSpan.FromSeconds(15));
            await writer.DisposeAsync();
            tracing.ForceFlush();

            var submit = Assert.Single(spans, s => s.OperationName == NodeTelemetry.SubmitSpan && (string?)s.GetTagItem(NodeTelemetry.DocumentIdAttribute) == doc);
            Assert.Equal(1L, submit.GetTagItem(NodeTelemetry.RevisionAttribute));
            Assert.Equal("applied", submit.GetTagItem(NodeTelemetry.ResultAttribute));
            Assert.Null(submit.ParentId);
            var journal = Assert.Single(spans, s => s.TraceId == submit.TraceId && s.OperationName == NodeTelemetry.JournalWriteSpan);
            Assert.Equal(submit.SpanId, journal.ParentSpanId);
            // The submit span runs from receipt to ack, around the whole write.
            Assert.True(journal.StartTimeUtc >= submit.StartTimeUtc);
            Assert.True(journal.StartTimeUtc + journal.Duration <= submit.StartTimeUtc + submit.Duration);
            Assert.Equal(2, spans.Count(s => s.TraceId == submit.TraceId));
        }
    }
}
