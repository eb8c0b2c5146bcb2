using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Gateway;

/// The executable itself, as a deployment stops it: a real process and a real SIGTERM.
public sealed class SigtermTests
{
    [Fact]
    public async Task On_sigterm_the_process_closes_its_sockets_with_1012_leaves_the_cluster_and_exits()
    {
        var folder = Path.Combine(Path.GetTempPath(), "akkacollab-web-tests", Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["AkkaCollab__Web__Url"] = $"http://127.0.0.1:{port}",
                ["AkkaCollab__Web__DataFolder"] = folder,
                ["AkkaCollab__Node__Port"] = "0",
                // Production needs configured signing keys, and only Development accepts the plain-name token below.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
            },
        };
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilReady(port);
            await using var client = await WireClient.Connect(new Uri($"ws://127.0.0.1:{port}/ws"), "alice");

            Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
            var status = await client.ReadUntilClosed(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

            string output;
            lock (log) output = log.ToString();
            Assert.Equal((WebSocketCloseStatus)CloseCodes.ServiceRestart, status);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Draining: closing 1 sockets with 1012", output);
            Assert.Contains("as [Leaving]", output);
            Assert.True(output.IndexOf("Draining", StringComparison.Ordinal) < output.IndexOf("[Leaving]", StringComparison.Ordinal),
                "sockets are drained before the node leaves the cluster");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilReady(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/readyz")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the process did not become ready within 60 s");
    }
}
