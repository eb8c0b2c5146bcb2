using System.Diagnostics;
using System.Text;
using AkkaCollab.Tests.Shared;

namespace AkkaCollab.Cluster.Tests.Infrastructure;

/// `dotnet AkkaCollab.Web.dll ctl --node <admin URL> …`: the built binary, run as an operator
/// runs it, as a process of its own. The token comes from $AKKACOLLAB_ADMIN_TOKEN, as an operator
/// would keep it out of the shell's history.
public static class Ctl
{
    private static readonly string Dll = Environment.GetEnvironmentVariable("CLUSTER_DLL") is { Length: > 0 } dll
        ? dll
        : Path.Combine(RepositoryRoot.Find(), "src", "Web", "bin", "Release", "net10.0", "AkkaCollab.Web.dll");

    public static async Task<CtlRun> Run(Uri node, string token, params string[] args)
    {
        using var process = Process.Start(Start(node, token, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ctl {string.Join(' ', args)} did not exit within 60 s");
        }
        return new CtlRun(process.ExitCode, await stdout, await stderr);
    }

    /// A long-running ctl (cluster tail): its output lines as they come, until Interrupt.
    public sealed class Streaming : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _out = new();

        public Streaming(Uri node, string token, params string[] args)
        {
            _process = Process.Start(Start(node, token, args))!;
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_out) _out.AppendLine(e.Data); };
            _process.BeginOutputReadLine();
        }

        public List<string> Lines
        {
            get { lock (_out) return [.. _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)]; }
        }

        /// SIGINT, as Ctrl+C in a terminal; the exit code.
        public async Task<int> Interrupt()
        {
            using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString()]))
            {
                await kill.WaitForExitAsync();
            }
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(limit.Token);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
        }
    }

    private static ProcessStartInfo Start(Uri node, string token, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Dll, "ctl", "--node", node.ToString(), .. args])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["AKKACOLLAB_ADMIN_TOKEN"] = token;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }
}
