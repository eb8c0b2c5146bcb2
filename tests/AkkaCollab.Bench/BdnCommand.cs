using BenchmarkDotNet.Running;

namespace AkkaCollab.Bench;

/// <summary>`bdn [BenchmarkDotNet options]`: the BenchmarkDotNet suites of this assembly.</summary>
internal static class BdnCommand
{
    public const string Help = "BenchmarkDotNet suites (Compose/Transform of small ops, trace replay); e.g. -- bdn --filter '*'";

    public static Task<int> RunAsync(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BdnCommand).Assembly).Run(args);
        var failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
        return Task.FromResult(failed ? 1 : 0);
    }
}
