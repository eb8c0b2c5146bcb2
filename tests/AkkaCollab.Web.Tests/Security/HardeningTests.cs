using System.Net;
using System.Net.Http.Json;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace AkkaCollab.Web.Tests.Security;

/// No response of the API is cacheable; pages carry a strict CSP and the usual headers.
public sealed class HardeningTests : IAsyncLifetime
{
    private CollabServer _server = null!;

    // Development, so that the development sign-in route exists and is enumerated too.
    public async Task InitializeAsync() => _server = await CollabServer.Start(SecureServer.Settings());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_API_route_answers_no_store()
    {
        var token = SecureServer.Token("alice");
        var routes = ((IEndpointRouteBuilder)_server.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        Assert.Contains(routes, r => r.Pattern.Contains("/api/auth/refresh"));
        Assert.Contains(routes, r => r.Pattern.Contains("/access/{user}"));

        var answered = 0;
        foreach (var (method, pattern) in routes)
        {
            var path = "/" + pattern.TrimStart('/').Replace("{id}", "nostore-doc").Replace("{user}", "bob");
            HttpContent? body = method is "POST" or "PUT" ? JsonContent.Create(new { name = "alice", role = "viewer" }) : null;
            var response = await _server.Http.SendAsync(SecureServer.Request(new HttpMethod(method), path, token, body));
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{method} {pattern} answered {response.StatusCode} with Cache-Control '{response.Headers.CacheControl}'");
            answered++;
        }
        Assert.True(answered >= 10, $"only {answered} routes enumerated");
    }

    [Fact]
    public async Task An_authentication_failure_is_not_cacheable_either()
    {
        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Delete, "/api/admin/docs/x/access/y", "a.b.c"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Pages_carry_a_strict_CSP_and_the_usual_security_headers()
    {
        foreach (var path in new[] { "/", "/index.html", "/api/docs/page-doc/export?format=html" })
        {
            var response = await _server.Http.GetAsync(path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.DoesNotContain("script-src 'unsafe-inline'", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
        // The HTML export renders user content: it may run no script and load nothing at all.
        var export = await _server.Http.GetAsync("/api/docs/page-doc/export?format=html");
        Assert.Contains("default-src 'none'", string.Join(";", export.Headers.GetValues("Content-Security-Policy")));
    }
}
