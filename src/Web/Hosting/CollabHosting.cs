using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Hosting;
using AkkaCollab.Node.Index;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway;
using AkkaCollab.Web.Gateway.Connections;
using AkkaCollab.Web.Gateway.Feeds;
using AkkaCollab.Web.Security;
using AkkaCollab.Web.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AkkaCollab.Web.Hosting;

/// Wires the process together: settings, Kestrel, the node (roles from configuration), the
/// gateway's local actors and services, and the readiness checks.
public static class CollabHosting
{
    public static WebApplicationBuilder AddCollab(this WebApplicationBuilder builder)
    {
        var settings = CollabSettings.Load(builder.Configuration);
        if (settings.Node.Journal == JournalProvider.Sqlite)
        {
            Directory.CreateDirectory(settings.Web.DataFolder);
        }
        builder.WebHost.UseUrls(settings.Web.Url);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(settings.Web);
        services.AddSingleton<GatewayTelemetry>();
        builder.AddCollabSecurity();
        // Before the node (its hosted service starts the actor system) and before requests.
        services.AddHostedService<ServiceTables>();
        services.AddSingleton(settings.Node.Document.Validator);
        services.AddSingleton<GatewayHandles>();
        services.AddSingleton<GatewayDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<GatewayDrain>());
        services.AddHealthChecks()
            .AddCheck<ClusterMemberUpCheck>("cluster-member-up", tags: ["ready"])
            .AddCheck<NotDrainingCheck>("not-draining", tags: ["ready"]);
        services.AddAkkaCollabNode(settings.Node, (akka, provider) =>
        {
            // SIGTERM must reach the host first: GatewayDrain closes the sockets with 1012, then
            // Akka.Hosting runs CoordinatedShutdown. Akka's own CLR exit hook would race it and
            // stop the connections (1011) before the drain.
            // A downing or Cluster.Leave runs the drain as a task of before-service-unbind: give that
            // phase room for the whole drain (sockets, then the feeds) plus a margin.
            var drainPhase = settings.Web.DrainTimeout + settings.Web.CloseTimeout + TimeSpan.FromSeconds(2);
            akka.AddHocon(ConfigurationFactory.ParseString($$"""
                akka.coordinated-shutdown {
                  run-by-clr-shutdown-hook = off
                  phases.before-service-unbind.timeout = {{(long)drainPhase.TotalMilliseconds}}ms
                }
                """), HoconAddMode.Prepend);
            akka.WithCollabLogging();
            akka.WithActors((system, registry) =>
            {
                var feeds = system.ActorOf(
                    FeedRegistry.PropsFor(registry.Get<DocumentRegion>(), settings.Web, provider.GetRequiredService<GatewayTelemetry>()),
                    "feeds");
                registry.Register<FeedRegistry>(feeds);
                registry.Register<ConnectionSupervisor>(system.ActorOf(ConnectionSupervisor.PropsFor(), "connections"));
            });
        });
        return builder;
    }

    /// Prints the address Kestrel actually bound (port 0 resolves to a free port) once started.
    public static WebApplication PrintUrlsOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"AkkaCollab listening on {string.Join(", ", addresses)}");
        });
        return app;
    }

    /// The addresses Kestrel listens on (after start).
    public static IReadOnlyList<string> ListeningUrls(this WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
}

/// Creates the service's own tables before anything uses them (ServiceDatabase says why).
public sealed class ServiceTables(RefreshTokenStore refreshTokens, DocumentIndexStore index, ILogger<ServiceTables> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await refreshTokens.EnsureCreated();
            await index.EnsureCreated();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The database is unreachable (or still busy after the retries): the node starts all
            // the same, like its journal, and each store creates its tables at its first use.
            log.LogWarning("the service tables could not be checked at start ({Reason}); they are created at first use", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// Ready means: this node is an Up member of the cluster.
public sealed class ClusterMemberUpCheck(ActorSystem system) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = Cluster.Get(system).SelfMember.Status;
        return Task.FromResult(status == MemberStatus.Up
            ? HealthCheckResult.Healthy("cluster member Up")
            : HealthCheckResult.Unhealthy($"cluster member is {status}"));
    }
}

/// A draining node is alive but must get no new traffic.
public sealed class NotDrainingCheck(GatewayDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("draining") : HealthCheckResult.Healthy());
}
