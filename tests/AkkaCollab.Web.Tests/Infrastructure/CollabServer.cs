using AkkaCollab.Web.Telemetry;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Gateway;
using AkkaCollab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaCollab.Web.Tests.Infrastructure;

/// One real node: the app exactly as Program builds it, on Kestrel at 127.0.0.1 with a free port,
/// remoting on a free port, and its SQLite journal in a temp folder deleted afterwards.
public sealed class CollabServer : IAsyncDisposable
{
    private readonly string _folder;

    private CollabServer(WebApplication app, string folder)
    {
        App = app;
        _folder = folder;
        BaseUri = new Uri(app.ListeningUrls().First());
        Http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public Uri WebSocketUri => new($"ws://{BaseUri.Authority}{GatewayEndpoint.Path}");

    public HttpClient Http { get; }

    public GatewayTelemetry Metrics => App.Services.GetRequiredService<GatewayTelemetry>();

    /// Development by default: the tests' hello tokens are plain user names, which only the
    /// Development environment accepts (the security tests pass "Production").
    public static async Task<CollabServer> Start(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development")
    {
        var folder = Path.Combine(Path.GetTempPath(), "akkacollab-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var overrides = new Dictionary<string, string?>
        {
            ["AkkaCollab:Web:Url"] = "http://127.0.0.1:0",
            ["AkkaCollab:Web:DataFolder"] = folder,
            ["AkkaCollab:Node:Port"] = "0",
            ["AkkaCollab:Node:ActorSystemName"] = "webtest",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }
        var app = Program.Build(["--environment", environment], overrides);
        await app.StartAsync();
        var server = new CollabServer(app, folder);
        await server.WaitUntilReady();
        return server;
    }

    public async Task<WireClient> Connect(string user = "alice") => await WireClient.Connect(WebSocketUri, user);

    /// The document as the REST API returns it.
    public async Task<(long Revision, Delta Content)> Document(string doc)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync($"/api/docs/{doc}"));
        return (json.RootElement.GetProperty("revision").GetInt64(), Delta.FromJson(json.RootElement.GetProperty("delta").GetRawText()));
    }

    public async Task<List<(long Rev, string Client, long Seq)>> History(string doc)
    {
        var all = new List<(long, string, long)>();
        for (long from = 1; ; from += 1_000)
        {
            using var json = JsonDocument.Parse(await Http.GetStringAsync($"/api/docs/{doc}/ops?from={from}"));
            var ops = json.RootElement.GetProperty("ops").EnumerateArray()
                .Select(o => (o.GetProperty("rev").GetInt64(), o.GetProperty("client").GetString()!, o.GetProperty("seq").GetInt64()))
                .ToList();
            all.AddRange(ops);
            if (ops.Count < 1_000) return all;
        }
    }

    private async Task WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var response = await Http.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the node did not become ready within 60 s");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }
}
