using Microsoft.Extensions.FileProviders;

namespace AkkaCollab.Web.ClientApp;

/// Serves the browser app that client/build.mjs writes into wwwroot: index.html and the service
/// worker are no-store (they name the current assets), the content-hashed assets are immutable
/// for a year. Registered before UseNoStore: a served file ends the pipeline there, so the
/// API's no-store rule never overrides an asset's caching.
public static class ClientAppEndpoints
{
    public const string ImmutableCaching = "public, max-age=31536000, immutable";

    // Quill styles elements through the CSSOM (allowed); 'unsafe-inline' covers the style
    // attributes its clipboard and themes write. Scripts only from this origin.
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: https:; connect-src 'self' ws: wss:; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static WebApplication MapClientApp(this WebApplication app)
    {
        var root = FindWebRoot(app.Environment);
        if (root is null)
        {
            app.Logger.LogWarning("No client build found (wwwroot/index.html); build src/Web to produce it. The API still runs.");
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value;
            var file = path switch
            {
                "/" or "/index.html" => "index.html",
                "/sw.js" => "sw.js",
                _ => null,
            };
            if (file is null || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
            {
                await next(http);
                return;
            }
            var info = files.GetFileInfo(file);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (file == "index.html")
            {
                http.Response.Headers.ContentSecurityPolicy = Csp;
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
            }
            http.Response.ContentType = file.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8";
            await http.Response.SendFileAsync(info, http.RequestAborted);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(root, "assets")),
            RequestPath = "/assets",
            OnPrepareResponse = ctx =>
            {
                ctx.Context.Response.Headers.CacheControl = ImmutableCaching;
                ctx.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
        return app;
    }

    /// The web root holding index.html: the configured one, else wwwroot beside the content root
    /// or beside the binary.
    private static string? FindWebRoot(IWebHostEnvironment env)
    {
        string?[] candidates =
        [
            env.WebRootPath,
            Path.Combine(env.ContentRootPath, "wwwroot"),
            Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        ];
        return candidates.FirstOrDefault(dir => dir is not null
            && File.Exists(Path.Combine(dir, "index.html"))
            && Directory.Exists(Path.Combine(dir, "assets")));
    }
}
