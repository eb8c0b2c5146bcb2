using Akka.Actor;
using AkkaCollab.Node.Admin;
using AkkaCollab.Node.Telemetry;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Telemetry;
using System.Diagnostics.Metrics;

namespace AkkaCollab.Web.Admin;

/// The admin endpoint: its own Kestrel endpoint, the token check, the per-node actors it needs
/// (the kick relay) and the cluster gauges.
public static class AdminHosting
{
    public static WebApplicationBuilder AddCollabAdmin(this WebApplicationBuilder builder)
    {
        var admin = AdminSettings.Load(builder.Configuration);
        var web = new WebSettings();
        builder.Configuration.GetSection(WebSettings.Section).Bind(web);
        var errors = admin.Validate(web.Url);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid AkkaCollab settings:\n  " + string.Join("\n  ", errors));
        }
        var endpoint = new AdminEndpoint();
        builder.Services.AddSingleton(admin);
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddSingleton<AdminAuth>();
        builder.Services.AddHostedService<AdminNodeServices>();
        // Both endpoints are listed explicitly, which replaces UseUrls (cleared so Kestrel does not warn).
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.ConfigureKestrel(kestrel => endpoint.Configure(kestrel, web, admin));
        return builder;
    }

    /// First in the pipeline: admin paths answer on the admin endpoint only, to an admin; the
    /// public routes are not served there.
    public static WebApplication UseCollabAdmin(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<AdminAuth>();
        app.Use(async (http, next) =>
        {
            var onAdmin = AdminEndpoint.IsAdminConnection(http);
            var adminPath = http.Request.Path.StartsWithSegments(AdminApi.Prefix) || http.Request.Path.StartsWithSegments("/metrics");
            if (onAdmin || adminPath)
            {
                // Cluster state and metrics are live answers; nothing on the admin surface is cacheable.
                http.Response.Headers.CacheControl = "no-store";
            }
            if (onAdmin != adminPath)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (onAdmin && !await auth.IsAdmin(http))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer realm=\"akkacollab-admin\"";
                await Results.Json(new CommandResult(false, "admin: send Authorization: Bearer <admin token or admin-role JWT>"), statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    public static WebApplication MapCollabAdmin(this WebApplication app)
    {
        app.MapClusterAdmin();
        app.MapDocAdmin();
        app.MapCollabMetrics();
        return app;
    }

    /// The admin endpoint's bound URL (after start), or null when it is disabled.
    public static Uri? AdminUrl(this WebApplication app) => app.Services.GetRequiredService<AdminEndpoint>().BoundUrl;
}

/// Starts what the admin commands and gauges need once the actor system runs.
public sealed class AdminNodeServices(IServiceProvider services, IMeterFactory meters) : IHostedService, IDisposable
{
    private ClusterGauges? _cluster;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var system = services.GetRequiredService<ActorSystem>();
        DocumentKick.StartRelay(system);
        _cluster = new ClusterGauges(system, meters);
        // Created now so that its observable instruments exist before the first scrape.
        services.GetRequiredService<GatewayTelemetry>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _cluster?.Dispose();
}
