using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaCollab.Web.Security;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Security;

/// The development sign-in issues a short-lived JWT and a rotating refresh cookie; refresh
/// rotates it, a reused (stolen) one revokes the whole sign-in, logout revokes it.
public sealed class RefreshTokenTests : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.Start(SecureServer.Settings());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sign_in_returns_a_ten_minute_token_in_the_body_and_the_refresh_token_only_in_a_strict_HttpOnly_cookie()
    {
        var response = await _server.Http.PostAsJsonAsync("/api/auth/dev-sign-in", new { name = "alice" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (token, expiresAt) = await Body(response);
        var lifetime = DateTimeOffset.FromUnixTimeMilliseconds(expiresAt) - DateTimeOffset.UtcNow;
        Assert.InRange(lifetime, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10.1));
        await using var socket = await SecureServer.Connect(_server, token);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(AuthApi.RefreshCookie + "=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/auth", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(CookieValue(cookie), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refresh_rotates_the_cookie_and_issues_a_new_access_token()
    {
        var first = CookieValue(Assert.Single((await SignIn("bob")).Headers.GetValues("Set-Cookie")));

        var refreshed = await Refresh(first);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = CookieValue(Assert.Single(refreshed.Headers.GetValues("Set-Cookie")));
        Assert.NotEqual(first, second);
        var (token, _) = await Body(refreshed);
        await using var socket = await SecureServer.Connect(_server, token);

        Assert.Equal(HttpStatusCode.OK, (await Refresh(second)).StatusCode);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_its_whole_family()
    {
        var first = CookieValue(Assert.Single((await SignIn("carol")).Headers.GetValues("Set-Cookie")));
        var second = CookieValue(Assert.Single((await Refresh(first)).Headers.GetValues("Set-Cookie")));

        var reuse = await Refresh(first); // the thief, or the victim after the thief
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Contains("already used", await reuse.Content.ReadAsStringAsync());

        var legitimate = await Refresh(second);
        Assert.Equal(HttpStatusCode.Unauthorized, legitimate.StatusCode);
        Assert.Contains("revoked", await legitimate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token()
    {
        var cookie = CookieValue(Assert.Single((await SignIn("dave")).Headers.GetValues("Set-Cookie")));
        var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("Cookie", $"{AuthApi.RefreshCookie}={cookie}");
        Assert.Equal(HttpStatusCode.NoContent, (await _server.Http.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(cookie)).StatusCode);
    }

    [Fact]
    public async Task Refresh_without_a_cookie_or_with_an_unknown_one_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh("not-a-token")).StatusCode);
    }

    [Fact]
    public async Task A_development_sign_in_with_a_bad_name_is_a_bad_message()
    {
        var response = await _server.Http.PostAsJsonAsync("/api/auth/dev-sign-in", new { name = "<script>" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"bad_message\"", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SignIn(string name) =>
        await _server.Http.PostAsJsonAsync("/api/auth/dev-sign-in", new { name });

    private async Task<HttpResponseMessage> Refresh(string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh");
        request.Headers.Add("Cookie", $"{AuthApi.RefreshCookie}={cookie}");
        return await _server.Http.SendAsync(request);
    }

    private static string CookieValue(string setCookie) => setCookie.Split(';')[0].Split('=', 2)[1];

    private static async Task<(string Token, long ExpiresAt)> Body(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("accessToken").GetString()!, json.RootElement.GetProperty("expiresAt").GetInt64());
    }
}
