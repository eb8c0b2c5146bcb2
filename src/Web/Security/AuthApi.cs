using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Web.Security;

/// /api/auth: the development sign-in (Development only), refresh with a rotating HttpOnly cookie,
/// and logout. Access tokens travel in response bodies only; the browser keeps them in memory.
public static class AuthApi
{
    public const string RefreshCookie = "akkacollab-refresh";
    public const string CookiePath = "/api/auth";
    public const string RateLimitPolicy = "auth";

    public sealed record SignIn(string? Name);

    public static WebApplication MapAuth(this WebApplication app)
    {
        var auth = app.MapGroup(CookiePath).RequireRateLimiting(RateLimitPolicy);
        if (app.Services.GetRequiredService<SecurityMode>().DevelopmentSignIn)
        {
            auth.MapPost("/dev-sign-in", DevSignIn);
        }
        auth.MapPost("/refresh", Refresh);
        auth.MapPost("/logout", Logout);
        return app;
    }

    private static async Task<IResult> DevSignIn(SignIn body, HttpContext http, AccessTokens tokens, RefreshTokenStore store)
    {
        var name = body.Name?.Trim();
        if (name is null || !Identifiers.IsValid(name, Identifiers.MaxClientIdLength) || name == Node.Documents.Messages.DocumentCommands.GatewayFeedUser)
        {
            return Problems.Of(ErrorCode.BadMessage, "name: 1-64 characters of [A-Za-z0-9._-] (and not 'gateway')");
        }
        // Development has no directory: a name ending in ".admin" gets the admin role, for trying the admin endpoints.
        string[] roles = name.EndsWith(".admin", StringComparison.Ordinal) ? [http.RequestServices.GetRequiredService<SecuritySettings>().AdminRole] : [];
        var (refresh, refreshExpires) = await store.Issue(name, roles);
        SetCookie(http, refresh, refreshExpires);
        return Issued(tokens, name, roles);
    }

    private static async Task<IResult> Refresh(HttpContext http, AccessTokens tokens, RefreshTokenStore store)
    {
        if (!http.Request.Cookies.TryGetValue(RefreshCookie, out var presented) || string.IsNullOrEmpty(presented))
        {
            return Problems.Of(ErrorCode.Unauthorized, "refresh: no refresh cookie; sign in");
        }
        switch (await store.Rotate(presented))
        {
            case RefreshTokenStore.Rotated rotated:
                SetCookie(http, rotated.Token, rotated.Expires);
                return Issued(tokens, rotated.User, rotated.Roles);
            case RefreshTokenStore.Reused:
                ClearCookie(http);
                return Problems.Of(ErrorCode.Unauthorized, "refresh: this refresh token was already used; every session of this sign-in is revoked, sign in again");
            case RefreshTokenStore.Invalid invalid:
                ClearCookie(http);
                return Problems.Of(ErrorCode.Unauthorized, "refresh: " + invalid.Reason + "; sign in");
            default:
                throw new InvalidOperationException("unknown refresh outcome");
        }
    }

    private static async Task<IResult> Logout(HttpContext http, RefreshTokenStore store)
    {
        if (http.Request.Cookies.TryGetValue(RefreshCookie, out var presented) && !string.IsNullOrEmpty(presented))
        {
            await store.Revoke(presented);
        }
        ClearCookie(http);
        return Results.NoContent();
    }

    private static IResult Issued(AccessTokens tokens, string user, IReadOnlyList<string> roles)
    {
        var (token, expires) = tokens.Issue(user, roles);
        return Results.Json(new { accessToken = token, tokenType = "Bearer", expiresAt = expires.ToUnixTimeMilliseconds(), user });
    }

    private static CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };

    private static void SetCookie(HttpContext http, string token, DateTimeOffset expires) =>
        http.Response.Cookies.Append(RefreshCookie, token, Options(expires));

    private static void ClearCookie(HttpContext http) =>
        http.Response.Cookies.Delete(RefreshCookie, Options(null));
}
