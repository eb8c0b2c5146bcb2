using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace AkkaCollab.Protocol.Tests.Differential;

/// <summary>
/// The C# Delta against quill-delta 5.1.0 itself: tests/node/differential.mjs draws random cases
/// from a seed and records quill-delta's results; every case is replayed here and the results
/// must be equal as normalized JSON. Set AKKACOLLAB_SEED to replay a printed seed.
/// </summary>
public sealed class QuillDeltaDifferentialTests(ITestOutputHelper output)
{
    private const int CaseCount = 10_000;
    private const int MismatchesShown = 10;

    private static readonly string[] Kinds =
        ["compose", "transform", "transformPosition", "invert", "diff", "slice", "concat", "chop", "length", "push", "json"];

    [Fact]
    public void Ten_thousand_random_cases_give_the_results_of_quill_delta()
    {
        var seed = Seed();
        output.WriteLine($"seed {seed}; replay with AKKACOLLAB_SEED={seed} dotnet test tests/AkkaCollab.Protocol.Tests "
            + "--filter FullyQualifiedName~QuillDeltaDifferentialTests");
        var clock = Stopwatch.StartNew();
        var (lines, summary) = QuillDeltaScript.Generate(seed, CaseCount);
        var nodeTime = clock.Elapsed;
        output.WriteLine(summary);

        clock.Restart();
        var cases = Kinds.ToDictionary(kind => kind, _ => 0);
        var mismatchesByKind = Kinds.ToDictionary(kind => kind, _ => 0);
        var mismatches = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            var c = line.RootElement;
            var kind = c.GetProperty("kind").GetString()!;
            cases[kind] = cases.GetValueOrDefault(kind) + 1;
            var problem = Check(c);
            if (problem is not null)
            {
                mismatchesByKind[kind] = mismatchesByKind.GetValueOrDefault(kind) + 1;
                if (mismatches.Count < MismatchesShown)
                {
                    mismatches.Add($"case {i + 1} ({kind}) {Inputs(c)}\n    expected: {c.GetProperty("result").GetRawText()}\n    {problem}");
                }
            }
        }
        var total = mismatchesByKind.Values.Sum();
        var counts = string.Join(", ", Kinds.Select(kind => $"{kind} {cases[kind]}" + (mismatchesByKind[kind] > 0 ? $" ({mismatchesByKind[kind]} mismatched)" : "")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{lines.Count} cases, {total} mismatches; node {nodeTime.TotalSeconds:F1} s, C# {clock.Elapsed.TotalSeconds:F1} s\n{counts}"));

        Assert.True(lines.Count >= CaseCount, $"differential.mjs wrote {lines.Count} cases, expected {CaseCount}");
        Assert.All(Kinds, kind => Assert.True(cases[kind] >= CaseCount / Kinds.Length, $"only {cases[kind]} {kind} cases"));
        if (total > 0)
        {
            var report = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"{total} of {lines.Count} cases differ from quill-delta 5.1.0 (seed {seed}; replay with AKKACOLLAB_SEED={seed}).")
                .AppendLine(counts)
                .AppendLine(CultureInfo.InvariantCulture, $"first {mismatches.Count}:")
                .AppendJoin('\n', mismatches);
            Assert.Fail(report.ToString());
        }
    }

    [Fact]
    public void The_script_draws_the_same_cases_from_the_same_seed_and_others_from_another()
    {
        var (first, _) = QuillDeltaScript.Generate(7, 300);
        var (again, _) = QuillDeltaScript.Generate(7, 300);
        var (other, _) = QuillDeltaScript.Generate(8, 300);

        Assert.Equal(300, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    /// <summary>Null when the C# result equals quill-delta's, otherwise what went wrong.</summary>
    private static string? Check(JsonElement c)
    {
        string actual;
        try
        {
            actual = DifferentialCase.Run(c);
        }
        catch (Exception e)
        {
            return $"actual: threw {e.GetType().Name}: {e.Message}";
        }
        using var actualDocument = JsonDocument.Parse(actual);
        var difference = JsonStructure.FirstDifference(c.GetProperty("result"), actualDocument.RootElement);
        return difference is null ? null : $"actual:   {actual}\n    first difference at {difference}";
    }

    private static string Inputs(JsonElement c) =>
        string.Join(" ", c.EnumerateObject()
            .Where(p => p.Name is not ("kind" or "result"))
            .Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    private static uint Seed()
    {
        var text = Environment.GetEnvironmentVariable("AKKACOLLAB_SEED");
        if (string.IsNullOrWhiteSpace(text))
        {
            return (uint)Random.Shared.NextInt64(0, 1L << 32);
        }
        return uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new ArgumentException($"AKKACOLLAB_SEED must be an integer from 0 to 4294967295, got '{text}'");
    }
}
