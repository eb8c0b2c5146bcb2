using AkkaCollab.Tests.Shared;
using System.ComponentModel;
using System.Diagnostics;

namespace AkkaCollab.Protocol.Tests.Differential;

/// <summary>
/// Runs tests/node/differential.mjs, which computes random cases with quill-delta 5.1.0.
/// Fails the test (never skips it) when node or the npm packages are missing.
/// </summary>
internal static class QuillDeltaScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The JSON lines for <paramref name="count"/> cases of <paramref name="seed"/>, and the script's stderr summary.</summary>
    public static (IReadOnlyList<string> Lines, string Summary) Generate(uint seed, int count)
    {
        var nodeDirectory = Path.Combine(RepositoryRoot.Find(), "tests", "node");
        if (!Directory.Exists(Path.Combine(nodeDirectory, "node_modules", "quill-delta")))
        {
            Assert.Fail($"quill-delta is not installed in {nodeDirectory}/node_modules: run `npm ci` in tests/node (./test.sh does).");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = nodeDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "differential.mjs", "--seed", seed.ToString(), "--count", count.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"could not start `node` ({e.Message}): install Node.js 20+ and run `npm ci` in tests/node.");
            throw;
        }
        using (process)
        {
            // Both pipes are drained concurrently so that neither can fill up and stall node.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node differential.mjs --seed {seed} --count {count} did not finish within {Timeout.TotalSeconds} s");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Assert.Fail($"node differential.mjs --seed {seed} --count {count} exited with {process.ExitCode}:\n{stderr.Result}");
            }
            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return (lines, stderr.Result.Trim());
        }
    }
}
