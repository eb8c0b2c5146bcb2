using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Documents;
using BenchmarkDotNet.Attributes;

namespace AkkaCollab.Bench.Benchmarks;

/// <summary>
/// The server's per-op work for typical small ops (a keystroke, a format, a concurrent
/// keystroke to transform over) on a mid-size formatted document of about 20,000 characters.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SmallOpBenchmarks
{
    private static readonly AttributeMap Bold = AttributeMap.From(("bold", true));

    private Delta document = Delta.Empty;
    private RichTextDocument rope = RichTextDocument.Empty;
    private Delta keystroke = Delta.Empty;
    private Delta format = Delta.Empty;
    private Delta concurrentKeystroke = Delta.Empty;
    private Delta concurrentDelete = Delta.Empty;

    [GlobalSetup]
    public void Setup()
    {
        // 400 paragraphs of 50 characters, every third word bold: about 1,200 runs.
        var builder = new DeltaBuilder();
        for (var paragraph = 0; paragraph < 400; paragraph++)
        {
            builder.Insert("Lorem ipsum ", null).Insert("dolor", Bold).Insert(" sit amet, consectetur adipis\n", null);
        }
        document = builder.ToDelta();
        rope = RichTextDocument.FromDelta(document);
        var middle = document.Length() / 2;
        keystroke = Delta.Empty.Retain(middle).Insert("x");
        format = Delta.Empty.Retain(middle).Retain(5, Bold);
        concurrentKeystroke = Delta.Empty.Retain(middle + 3).Insert("y");
        concurrentDelete = Delta.Empty.Retain(middle - 2).Delete(4);
    }

    [Benchmark(Description = "Delta.Compose: keystroke")]
    public Delta ComposeKeystroke() => document.Compose(keystroke);

    [Benchmark(Description = "Delta.Compose: bold a word")]
    public Delta ComposeFormat() => document.Compose(format);

    [Benchmark(Description = "RichTextDocument.Apply: keystroke")]
    public RichTextDocument ApplyKeystroke() => rope.Apply(keystroke);

    [Benchmark(Description = "RichTextDocument.Apply: bold a word")]
    public RichTextDocument ApplyFormat() => rope.Apply(format);

    [Benchmark(Description = "Delta.Transform: keystroke vs keystroke")]
    public Delta TransformInsertInsert() => keystroke.Transform(concurrentKeystroke, priority: true);

    [Benchmark(Description = "Delta.Transform: keystroke vs delete")]
    public Delta TransformInsertDelete() => concurrentDelete.Transform(keystroke, priority: false);

    [Benchmark(Description = "Delta.TransformPosition: cursor over keystroke")]
    public int TransformPosition() => keystroke.TransformPosition(document.Length() / 2 + 10);

    [Benchmark(Description = "Delta.Compose: keystroke then delete (op with op)")]
    public Delta ComposeOps() => keystroke.Compose(concurrentDelete);
}
