namespace AkkaCollab.Web.Security;

/// Cross-site WebSocket hijacking: a browser sends its page's Origin with the upgrade request and
/// any site could open a socket to us. Only configured origins (or the same origin) may.
/// Non-browser clients send no Origin; they still need a token in hello.
public static class OriginCheck
{
    public static bool IsAllowed(HttpRequest request, SecuritySettings settings)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }
        var normalized = uri.GetLeftPart(UriPartial.Authority);
        if (settings.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), normalized, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        return settings.AllowedOrigins.Count == 0 && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
