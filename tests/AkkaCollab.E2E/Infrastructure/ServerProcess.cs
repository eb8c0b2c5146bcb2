using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace AkkaCollab.E2E.Infrastructure;

/// The built src/Web as a child process on a free loopback port, with its SQLite journal in a
/// temp folder. Restart keeps the port and the data, as a redeploy of one node would.
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("akkacollab-e2e-").FullName;
    private readonly StringBuilder _log = new();

    // One signing key per server, kept across restarts: tokens issued before a restart still
    // validate after it, as with a Kubernetes Secret shared by the nodes.
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly IReadOnlyDictionary<string, string> _settings;
    private Process? _process;

    private ServerProcess(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public int Port { get; } = FreePort();
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public static string RepositoryRoot { get; } = AkkaCollab.Tests.Shared.RepositoryRoot.Find();

    /// The last lines the server wrote, for failure messages.
    public string RecentLog
    {
        get
        {
            lock (_log)
            {
                var text = _log.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    /// `settings`: extra environment variables (AkkaCollab__Section__Key) for this server.
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = new ServerProcess(settings ?? new Dictionary<string, string>());
        await server.StartProcessAsync();
        return server;
    }

    public async Task StartProcessAsync()
    {
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "Configuration").Value!;
        var web = Path.Combine(RepositoryRoot, "src", "Web");
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "AkkaCollab.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"build src/Web ({configuration}) first", dll);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = web, // content root: wwwroot with the built client
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AkkaCollab__Web__Url"] = BaseUri.ToString().TrimEnd('/');
        start.Environment["AkkaCollab__Web__DataFolder"] = _dataFolder;
        start.Environment["AkkaCollab__Node__Port"] = "0";
        // A free admin port: the default, 9110, is taken by any other server on 127.0.0.1 (another
        // E2E run on the machine made this one exit with "address already in use").
        start.Environment["AkkaCollab__Admin__Url"] = "http://127.0.0.1:0";
        // Development only for the dev sign-in endpoint: with a configured signing key the tokens
        // it issues are real JWTs, and the browser presents them exactly as it would in production.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["AkkaCollab__Security__SigningKeys__0"] = _signingKey;
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitHealthyAsync(TimeSpan.FromSeconds(60));
    }

    /// SIGTERM (a deploy's stop: the node drains and tells clients 1012), then the same port and data again.
    public async Task RestartAsync()
    {
        await StopAsync(graceful: true);
        await StartProcessAsync();
    }

    public async Task StopAsync(bool graceful)
    {
        var process = _process;
        if (process is null || process.HasExited) return;
        if (graceful)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        else
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    private async Task WaitHealthyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"the server exited with {_process.ExitCode}:\n{RecentLog}");
            try
            {
                // The document API answering means the shard region is up, not just Kestrel.
                var response = await http.GetAsync("api/docs/e2e-health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the server was not ready within {within}:\n{RecentLog}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(graceful: false);
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }
}
