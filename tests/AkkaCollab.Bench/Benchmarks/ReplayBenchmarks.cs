using AkkaCollab.Tests.Shared;
using AkkaCollab.Bench.Replay;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Documents;
using BenchmarkDotNet.Attributes;

namespace AkkaCollab.Bench.Benchmarks;

/// <summary>A whole editing trace replayed on the rope (one operation = every op of the trace).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class ReplayBenchmarks
{
    private Delta[] ops = [];

    [Params("automerge-paper", "seph-blog1", "rustcode")]
    public string Trace { get; set; } = "automerge-paper";

    [GlobalSetup]
    public void Setup() => ops = SequentialTraces.Ops(Trace);

    [Benchmark(Description = "RichTextDocument.Apply: whole trace")]
    public RichTextDocument Replay() => ReplayTimer.ReplayRope(ops);
}
