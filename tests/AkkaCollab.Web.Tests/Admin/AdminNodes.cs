using Akka.Actor;
using Akka.Cluster;
using AkkaCollab.Web.Admin;
using AkkaCollab.Web.Admin.Ctl;
using AkkaCollab.Tests.Shared;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaCollab.Web.Tests.Admin;

/// Helpers for driving real nodes through their admin endpoint.
public static class AdminNodes
{
    public const string Token = "admin-token-for-tests-0123456789";

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["AkkaCollab:Admin:Token"] = Token };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    public static ActorSystem System(this CollabServer server) => server.App.Services.GetRequiredService<ActorSystem>();

    public static string Address(this CollabServer server) => Cluster.Get(server.System()).SelfAddress.ToString();

    public static Uri AdminUri(this CollabServer server) => server.App.AdminUrl() ?? throw new InvalidOperationException("admin endpoint disabled");

    /// `ctl --node <server's admin URL> --token <Token> args…`, in this process, over real HTTP.
    public static Task<CtlRun> Ctl(this CollabServer server, params string[] args) => Ctl(server.AdminUri(), Token, args);

    public static async Task<CtlRun> Ctl(Uri node, string? token, string[] args, CancellationToken cancel = default)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] all = token is null ? ["--node", node.ToString(), .. args] : ["--node", node.ToString(), "--token", token, .. args];
        var code = await CtlCommand.Run(all, stdout, stderr, cancel);
        return new CtlRun(code, stdout.ToString(), stderr.ToString());
    }

    /// Polls condition until it holds or the timeout passes (then fails with what).
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {timeout ?? TimeSpan.FromSeconds(30)}: {what}");
            }
            await Task.Delay(100);
        }
    }

    public static Task Until(Func<bool> condition, string what, TimeSpan? timeout = null) => Until(() => Task.FromResult(condition()), what, timeout);
}

/// One node with the admin endpoint and the test admin token, for the endpoint's own tests (its
/// commands are tested against real node processes: tests/AkkaCollab.Cluster.Tests/Ops).
public sealed class AdminNode : IAsyncLifetime
{
    public CollabServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CollabServer.Start(AdminNodes.Settings());

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
