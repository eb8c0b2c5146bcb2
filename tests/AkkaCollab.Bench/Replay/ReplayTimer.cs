using System.Diagnostics;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Documents;

namespace AkkaCollab.Bench.Replay;

/// <summary>
/// The result of replaying one trace: the median wall-clock and process CPU time of the timed
/// passes, and whether the final text matched.
/// </summary>
internal sealed record ReplayResult(int Ops, int Iterations, double MedianMs, double MedianCpuMs, bool FinalTextOk)
{
    public double OpsPerSecond => Ops / (MedianMs / 1000.0);

    /// <summary>Ops per second of CPU time: what the ops cost when other processes share the cores.</summary>
    public double OpsPerCpuSecond => Ops / (MedianCpuMs / 1000.0);
}

/// <summary>
/// Times the apply loop only (the ops are parsed before), after untimed warm-up passes for
/// at least a second (tiered JIT compiles the hot code only after a delay), then the median
/// of several passes, in wall-clock and in process CPU time (all threads, so
/// the GC counts): the same method as tests/node/replay.mjs.
/// </summary>
internal static class ReplayTimer
{
    /// <summary>The rope: doc = doc.Apply(op).</summary>
    public static ReplayResult Rope(Delta[] ops, string finalText, int iterations)
    {
        var ok = ReplayRope(ops).PlainText() == finalText;
        WarmUp(() => ReplayRope(ops));
        return Time(ops.Length, iterations, ok, () => ReplayRope(ops), document => document.Length == finalText.Length);
    }

    /// <summary>Plain deltas, as quill-delta does it: doc = doc.Compose(op), O(document) per op.</summary>
    public static ReplayResult Compose(Delta[] ops, string finalText, int iterations)
    {
        // Warm the JIT on a prefix only: a full untimed pass would double an already long run.
        WarmUp(() => ReplayCompose(ops.AsSpan(0, Math.Min(ops.Length, 5_000))));
        return Time(ops.Length, iterations, true, () => ReplayCompose(ops), document => document.PlainText() == finalText);
    }

    // Runs `pass` `iterations` times, each after a full GC, timing only the pass itself; its
    // result is checked after the clocks stop.
    private static ReplayResult Time<T>(int opCount, int iterations, bool ok, Func<T> pass, Func<T, bool> check)
    {
        var times = new double[iterations];
        var cpuTimes = new double[iterations];
        for (var k = 0; k < iterations; k++)
        {
            Settle();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = pass();
            times[k] = clock.Elapsed.TotalMilliseconds;
            cpuTimes[k] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            ok &= check(result);
        }
        return new ReplayResult(opCount, iterations, Median(times), Median(cpuTimes), ok);
    }

    public static RichTextDocument ReplayRope(Delta[] ops)
    {
        var document = RichTextDocument.Empty;
        foreach (var op in ops)
        {
            document = document.Apply(op);
        }
        return document;
    }

    public static Delta ReplayCompose(ReadOnlySpan<Delta> ops)
    {
        var document = Delta.Empty;
        foreach (var op in ops)
        {
            document = document.Compose(op);
        }
        return document;
    }

    private static void WarmUp(Action pass)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            pass();
        }
        while (clock.ElapsedMilliseconds < 1_000);
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Median(double[] times)
    {
        var sorted = times.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
