using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Gateway;
using AkkaCollab.Web.Tests.Admin;
using AkkaCollab.Web.Tests.Infrastructure;
using AkkaCollab.Web.Tests.Security;

namespace AkkaCollab.Web.Tests.Telemetry;

/// Logs are JSON outside Development, carry Akka's log too, and never a secret or content.
public sealed class LogTests
{
    [Fact]
    public void A_bad_connection_string_is_refused_at_start_up_without_its_password()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Program.Build(["--environment", "Development"], new Dictionary<string, string?>
        {
            ["AkkaCollab:Web:Url"] = "http://127.0.0.1:0",
            ["AkkaCollab:Node:Journal"] = "PostgreSql",
            ["AkkaCollab:Node:ConnectionString"] = "Server=db.internal;Username=app;Password=hunter2-secret;Database=collab",
        }));
        Assert.Contains("AkkaCollab:Node:ConnectionString", error.Message);
        Assert.Contains("Password=***", error.Message);
        Assert.DoesNotContain("hunter2-secret", error.Message);
    }

    [Fact]
    public async Task A_whole_session_logs_json_lines_and_never_a_token_the_database_password_or_document_content()
    {
        var secrets = new Secrets();
        var logs = new StringBuilder();
        var folder = Directory.CreateTempSubdirectory("akkacollab-logs-").FullName;
        int web = FreePort(), admin = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AkkaCollab.Web.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["AkkaCollab__Security__Issuer"] = SecureServer.Issuer;
        env["AkkaCollab__Security__Audience"] = SecureServer.Audience;
        env["AkkaCollab__Security__SigningKeys__0"] = Convert.ToBase64String(SecureServer.Key);
        env["AkkaCollab__Web__Url"] = $"http://127.0.0.1:{web}";
        env["AkkaCollab__Admin__Url"] = $"http://127.0.0.1:{admin}";
        env["AkkaCollab__Admin__Token"] = secrets.AdminToken;
        env["AkkaCollab__Web__DataFolder"] = folder;
        env["AkkaCollab__Node__Port"] = "0";
        env["AkkaCollab__Node__ActorSystemName"] = "logtest";
        env["Logging__LogLevel__Default"] = "Debug";
        if (Environment.GetEnvironmentVariable("AKKACOLLAB_TEST_PG") is { Length: > 0 } pg)
        {
            // The test server trusts loopback, so any password is accepted: a unique one can be grepped for.
            env["AkkaCollab__Node__Journal"] = "PostgreSql";
            env["AkkaCollab__Node__ConnectionString"] = string.Join(';', pg.Split(';').Where(p => !p.StartsWith("Password=", StringComparison.OrdinalIgnoreCase))) + ";Password=" + secrets.DatabasePassword;
        }
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (logs) logs.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (logs) logs.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Session(web, admin, secrets);
        }
        finally
        {
            // SIGTERM: the shutdown is part of the session's log.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]))
            {
                await kill.WaitForExitAsync();
            }
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            Directory.Delete(folder, recursive: true);
        }

        string text;
        lock (logs)
        {
            text = logs.ToString();
        }
        Assert.Contains("\"Category\":\"Akka.", text);
        foreach (var secret in secrets.All)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"the log contains a secret ({secret[..6]}…)");
        }
        var entries = text.Split('\n').Where(l => l.StartsWith('{')).ToList();
        Assert.True(entries.Count > 20, $"expected a session's worth of JSON log lines, got {entries.Count}");
        Assert.All(entries, line => JsonDocument.Parse(line).Dispose());
        // Requests are logged at Debug with the path only: no query string (a token may travel there).
        Assert.Contains(entries, l => l.Contains(CollabLoggingCategory) && l.Contains("\"LogLevel\":\"Debug\""));
    }

    private const string CollabLoggingCategory = "AkkaCollab.Requests";

    private sealed class Secrets
    {
        public string AdminToken { get; } = "admintok-" + Guid.NewGuid().ToString("N");
        public string DatabasePassword { get; } = "dbpass-" + Guid.NewGuid().ToString("N");
        public string Content { get; } = "doccontent-" + Guid.NewGuid().ToString("N");
        public string UserToken { get; } = SecureServer.Token("lena");

        public string[] All => [AdminToken, DatabasePassword, Content, UserToken];
    }

    private static async Task Session(int web, int admin, Secrets secrets)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{web}/"), Timeout = TimeSpan.FromSeconds(10) };
        await AdminNodes.Until(async () =>
        {
            try
            {
                return (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the node ready", TimeSpan.FromSeconds(90));

        var doc = "logs-" + Guid.NewGuid().ToString("N")[..8];
        await using var socket = await WireClient.Open(new Uri($"ws://127.0.0.1:{web}{GatewayEndpoint.Path}"));
        await socket.Send(new ClientMessages.Hello(ProtocolVersion.Max, secrets.UserToken));
        Assert.IsType<ServerMessages.Welcome>(await socket.Receive());
        await socket.Send(new ClientMessages.Subscribe(doc, null));
        await Next<ServerMessages.Subscribed>(socket);
        var length = 0;
        for (var seq = 1; seq <= 3; seq++)
        {
            var text = seq == 1 ? secrets.Content : "!";
            await socket.Send(new ClientMessages.Submit(doc, "c1", seq, seq - 1, Delta.Empty.Retain(length).Insert(text)));
            length += text.Length;
            Assert.Equal(seq, (await Next<ServerMessages.Ack>(socket)).Rev);
        }
        // A malformed op is refused (and the refusal logged, if at all, without its content).
        await socket.Send(new ClientMessages.Submit(doc, "c1", 4, 3, Delta.Empty.Retain(10_000).Insert(secrets.Content)));

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secrets.UserToken);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"api/docs/{doc}?access_token={secrets.UserToken}")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-" + secrets.UserToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"api/docs/{doc}")).StatusCode);

        var node = new Uri($"http://127.0.0.1:{admin}/");
        Assert.Equal(0, (await AdminNodes.Ctl(node, secrets.AdminToken, ["doc", "info", doc])).ExitCode);
        Assert.Equal(0, (await AdminNodes.Ctl(node, secrets.AdminToken, ["doc", "history", doc])).ExitCode);
        Assert.Equal(3, (await AdminNodes.Ctl(node, secrets.AdminToken + "x", ["cluster", "show"])).ExitCode);
    }

    // The next message of type T; an error on the way fails the test with the server's words.
    private static async Task<T> Next<T>(WireClient socket) where T : ServerMessage
    {
        while (true)
        {
            switch (await socket.ReceiveSkippingNoise(TimeSpan.FromSeconds(30)))
            {
                case T found:
                    return found;
                case ServerMessages.Error error:
                    throw new Xunit.Sdk.XunitException($"server error {error.Code}: {error.Message}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
