using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AkkaCollab.Web.Api;

/// /healthz: the process answers (liveness). /readyz: the node is an Up cluster member, its
/// journal and snapshot store answer their health checks, and it is not draining (readiness).
public static class HealthApi
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            // Every registered check counts: ours (cluster, drain) and Akka.Hosting's (journal, snapshot store).
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = async (http, report) =>
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                });
            },
        });
        return app;
    }
}
