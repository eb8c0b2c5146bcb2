namespace AkkaCollab.Web.Api;

/// Every dynamic response says Cache-Control: no-store, so that no CDN or browser cache ever
/// serves one user's document (or a stale revision) to another request.
public static class NoStore
{
    public static WebApplication UseNoStore(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next(http);
        });
        return app;
    }
}
