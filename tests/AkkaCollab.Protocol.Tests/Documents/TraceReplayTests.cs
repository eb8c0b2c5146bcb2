using AkkaCollab.Tests.Shared;
using System.Diagnostics;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Documents;
using Xunit.Abstractions;

namespace AkkaCollab.Protocol.Tests.Documents;

/// <summary>
/// Replays every real editing trace of ../shared/traces/sequential op by op on a
/// <see cref="RichTextDocument"/>; the result must be exactly the trace's final text.
/// </summary>
public sealed class TraceReplayTests(ITestOutputHelper output)
{
    private static readonly string[] Names =
    [
        "automerge-paper",
        "clownschool_flat",
        "friendsforever_flat",
        "json-crdt-blog-post",
        "json-crdt-patch",
        "rustcode",
        "seph-blog1",
        "sveltecomponent",
    ];

    public static TheoryData<string> Traces() => new(Names);

    [Theory]
    [MemberData(nameof(Traces))]
    public void Replaying_a_trace_gives_its_final_text(string name)
    {
        var ops = SequentialTraces.Ops(name);
        var expected = SequentialTraces.FinalText(name);
        var clock = Stopwatch.StartNew();
        var document = RichTextDocument.Empty;
        foreach (var op in ops)
        {
            document = document.Apply(op);
        }
        clock.Stop();
        output.WriteLine($"{name}: {ops.Length} ops applied in {clock.ElapsedMilliseconds} ms, final length {document.Length}");
        Assert.Null(RopeInvariants.FirstViolation(document));
        Assert.Equal(expected.Length, document.Length);
        Assert.Equal(expected, document.PlainText());
        Assert.Equal(Delta.Empty.Insert(expected), document.ToDelta());
    }

    [Fact]
    public void Every_sequential_trace_is_replayed()
    {
        Assert.Equal(SequentialTraces.Names(), Names);
    }
}
