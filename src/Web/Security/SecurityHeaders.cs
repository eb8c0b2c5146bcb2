namespace AkkaCollab.Web.Security;

/// The usual security headers on every response, and a Content-Security-Policy on every response
/// that does not set its own (the client app sets the page's; everything else but scripts, API
/// JSON and the HTML export included, gets one that allows nothing at all).
public static class SecurityHeaders
{
    public const string LockedDownCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                if (http.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy) && !IsScript(http.Response.ContentType))
                {
                    headers.ContentSecurityPolicy = LockedDownCsp;
                }
                return Task.CompletedTask;
            });
            await next(http);
        });
        return app;
    }

    // A CSP on a script response governs a worker started from it: the service worker (sw.js)
    // must keep fetching the app shell, so scripts get none here (pages carry the app's policy).
    private static bool IsScript(string? contentType) =>
        contentType is not null && (contentType.StartsWith("text/javascript", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/javascript", StringComparison.OrdinalIgnoreCase));
}
