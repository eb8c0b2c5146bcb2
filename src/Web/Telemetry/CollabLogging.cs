using Akka.Hosting;

namespace AkkaCollab.Web.Telemetry;

/// Logs: Microsoft.Extensions.Logging everywhere, one JSON object per line outside Development,
/// Akka's own log routed into it, and one Debug line per request (never Information: a busy node
/// would log every request). Nothing here logs a request's headers or query string, where tokens
/// travel.
public static class CollabLogging
{
    public const string RequestCategory = "AkkaCollab.Requests";

    public static WebApplicationBuilder AddCollabLogging(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        // The host's own per-request Information lines are replaced by UseRequestLog's Debug line.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        return builder;
    }

    /// Akka.NET's log goes through the host's ILoggerFactory (same format, same filters).
    public static AkkaConfigurationBuilder WithCollabLogging(this AkkaConfigurationBuilder akka) =>
        akka.ConfigureLoggers(setup =>
        {
            setup.ClearLoggers();
            setup.AddLoggerFactory();
        });

    /// One Debug line per request: method, path (no query string), status and duration.
    public static WebApplication UseRequestLog(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestCategory);
        app.Use(async (http, next) =>
        {
            if (!log.IsEnabled(LogLevel.Debug))
            {
                await next(http);
                return;
            }
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(http);
            log.LogDebug("{Method} {Path} {Status} in {ElapsedMs:0.0} ms", http.Request.Method, http.Request.Path.Value, http.Response.StatusCode,
                System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        });
        return app;
    }
}
