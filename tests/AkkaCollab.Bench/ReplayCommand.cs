using AkkaCollab.Tests.Shared;
using System.Globalization;
using System.Runtime.InteropServices;
using AkkaCollab.Bench.Replay;

namespace AkkaCollab.Bench;

/// <summary>
/// `replay [--trace NAME]... [--iterations N] [--compose-iterations N] [--quill-iterations N]`:
/// replays each sequential editing trace with the rope (RichTextDocument.Apply), with plain
/// Delta.Compose, and with quill-delta in Node; checks the final texts and prints a markdown
/// table with ops/s and the ratio ours/quill. An iterations count of 0 skips that column.
/// </summary>
internal static class ReplayCommand
{
    public const string Help = "replay the editing traces: RichTextDocument vs Delta.Compose vs quill-delta (node); [--trace NAME]";

    public static async Task<int> RunAsync(string[] args)
    {
        var traces = new List<string>();
        int iterations = 7, composeIterations = 1, quillIterations = 5;
        for (var k = 0; k < args.Length; k++)
        {
            switch (args[k])
            {
                case "--trace":
                    traces.Add(Value(args, ref k));
                    break;
                case "--iterations":
                    iterations = Count(args, ref k, minimum: 1);
                    break;
                case "--compose-iterations":
                    composeIterations = Count(args, ref k, minimum: 0);
                    break;
                case "--quill-iterations":
                    quillIterations = Count(args, ref k, minimum: 0);
                    break;
                default:
                    Console.Error.WriteLine($"replay: unknown option '{args[k]}'");
                    return 2;
            }
        }
        var directory = SequentialTraces.Directory();
        var known = SequentialTraces.Names();
        if (traces.Count == 0)
        {
            traces.AddRange(known);
        }
        if (traces.FirstOrDefault(trace => !known.Contains(trace)) is { } unknown)
        {
            Console.Error.WriteLine($"replay: no trace '{unknown}' in {directory}; known: {string.Join(", ", known)}");
            return 2;
        }

        Console.WriteLine(await MachineAsync());
        Console.WriteLine();
        var rows = new List<(string Trace, ReplayResult Rope, ReplayResult? Compose)>();
        foreach (var trace in traces)
        {
            var ops = SequentialTraces.Ops(trace);
            var finalText = SequentialTraces.FinalText(trace);
            var rope = ReplayTimer.Rope(ops, finalText, iterations);
            var compose = composeIterations > 0 ? ReplayTimer.Compose(ops, finalText, composeIterations) : null;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{trace}: rope {Rate(rope)} ops/s ({rope.OpsPerCpuSecond:N0} per CPU-second){(compose is null ? "" : $", Delta.Compose {Rate(compose)} ops/s")}"));
            rows.Add((trace, rope, compose));
        }
        // Node runs after .NET so that the two never share the 2 cores.
        var quill = quillIterations > 0
            ? await QuillReplay.RunAsync(traces, quillIterations, directory)
            : new Dictionary<string, ReplayResult>();

        Console.WriteLine("| trace | ops | ours (RichTextDocument) ops/s | Delta.Compose ops/s | quill-delta ops/s | ours / quill | Delta.Compose / quill | ours / quill, CPU time |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var allOk = true;
        foreach (var (trace, rope, compose) in rows)
        {
            quill.TryGetValue(trace, out var reference);
            allOk &= rope.FinalTextOk && (compose?.FinalTextOk ?? true) && (reference?.FinalTextOk ?? true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {trace} | {rope.Ops:N0} | {Rate(rope)} | {Rate(compose)} | {Rate(reference)} | {Ratio(rope, reference)} | {Ratio(compose, reference)} | {CpuRatio(rope, reference)} |"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {iterations} (rope), {composeIterations} (Delta.Compose), {quillIterations} (quill-delta) timed passes after a warm-up; final text {(allOk ? "matches" : "DIFFERS")} for every replay"));
        return allOk ? 0 : 1;
    }

    private static string Rate(ReplayResult? result) =>
        result is null ? "n/a" : (result.FinalTextOk ? "" : "WRONG TEXT ") + result.OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(ReplayResult? ours, ReplayResult? reference) =>
        ours is null || reference is null ? "n/a" : Times(ours.OpsPerSecond / reference.OpsPerSecond);

    private static string CpuRatio(ReplayResult? ours, ReplayResult? reference) =>
        ours is null || reference is null ? "n/a" : Times(ours.OpsPerCpuSecond / reference.OpsPerCpuSecond);

    private static string Times(double ratio) =>
        ratio.ToString(ratio < 1 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + "×";

    private static async Task<string> MachineAsync()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var node = await QuillReplay.NodeVersionAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, CPU {cpu ?? "unknown"}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, node {node}");
    }

    private static string Value(string[] args, ref int k) =>
        k + 1 < args.Length ? args[++k] : throw new ArgumentException($"{args[k]} needs a value");

    private static int Count(string[] args, ref int k, int minimum)
    {
        var option = args[k];
        var text = Value(args, ref k);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"{option} must be an integer >= {minimum}, got '{text}'");
    }
}
