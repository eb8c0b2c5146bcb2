using AkkaCollab.Tests.Shared;
using System.Net;
using AkkaCollab.Web.Hosting;
using Microsoft.AspNetCore.Builder;

namespace AkkaCollab.Web.Tests.Security;

/// The real page (src/Web/wwwroot, built with the Web project) served with its strict CSP and the
/// usual headers, and its service worker without a CSP that would stop it fetching the shell.
public sealed class PageHeadersTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "akkacollab-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var web = Path.Combine(RepositoryRoot.Find(), "src", "Web");
        Assert.True(File.Exists(Path.Combine(web, "wwwroot", "index.html")), $"build src/Web first: {web}/wwwroot/index.html is missing");
        _app = Program.Build(["--environment", "Production", "--contentRoot", web], SecureServer.Settings(
            ("AkkaCollab:Web:Url", "http://127.0.0.1:0"),
            ("AkkaCollab:Web:DataFolder", _folder),
            ("AkkaCollab:Node:Port", "0"),
            ("Logging:LogLevel:Default", "Warning")));
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.ListeningUrls().First()) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task The_page_carries_a_strict_CSP_and_is_not_cached()
    {
        var response = await _http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_service_worker_gets_no_CSP_that_would_block_its_fetches()
    {
        var response = await _http.GetAsync("/sw.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }
}
