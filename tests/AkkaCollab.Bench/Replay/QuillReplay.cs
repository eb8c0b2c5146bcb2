using AkkaCollab.Tests.Shared;
using System.Diagnostics;
using System.Text.Json;

namespace AkkaCollab.Bench.Replay;

/// <summary>Runs tests/node/replay.mjs (quill-delta 5.1.0) and reads its one JSON line per trace.</summary>
internal static class QuillReplay
{
    public static async Task<IReadOnlyDictionary<string, ReplayResult>> RunAsync(
        IReadOnlyList<string> traces, int iterations, string tracesDirectory)
    {
        var nodeDirectory = Path.Combine(RepositoryRoot.Find(), "tests", "node");
        if (!Directory.Exists(Path.Combine(nodeDirectory, "node_modules", "quill-delta")))
        {
            throw new InvalidOperationException($"quill-delta is not installed: run `npm ci` in {nodeDirectory}");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = nodeDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "replay.mjs", "--dir", tracesDirectory, "--iterations", iterations.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var trace in traces)
        {
            start.ArgumentList.Add("--trace");
            start.ArgumentList.Add(trace);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var results = new Dictionary<string, ReplayResult>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            results[root.GetProperty("trace").GetString()!] = new ReplayResult(
                root.GetProperty("ops").GetInt32(),
                root.GetProperty("iterations").GetInt32(),
                root.GetProperty("medianMs").GetDouble(),
                root.GetProperty("medianCpuMs").GetDouble(),
                root.GetProperty("finalTextOk").GetBoolean());
        }
        if (results.Count != traces.Count)
        {
            throw new InvalidOperationException($"node replay.mjs exited with {process.ExitCode}: {await stderr}");
        }
        return results;
    }

    public static async Task<string> NodeVersionAsync()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            var version = (await process.StandardOutput.ReadToEndAsync()).Trim();
            await process.WaitForExitAsync();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }
}
