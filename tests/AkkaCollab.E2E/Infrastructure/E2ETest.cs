using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AkkaCollab.E2E.Infrastructure;

/// One server and one browser per test; screenshots of every page at the end, pass or fail.
public abstract class E2ETest : IAsyncLifetime
{
    private readonly List<EditorPage> _pages = [];

    protected ServerProcess Server { get; private set; } = null!;
    protected Browser Browser { get; private set; } = null!;

    /// A fresh document id per test, so that no test sees another's text.
    protected string Doc { get; } = $"e2e-{Guid.NewGuid():N}"[..20];

    /// Extra server settings (environment variables) for every test of a class.
    protected virtual IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync(ServerSettings);
        try
        {
            Browser = await Browser.LaunchAsync(Server.BaseUri);
        }
        catch
        {
            // xUnit does not call DisposeAsync after a failed InitializeAsync: the server process would outlive the run.
            await Server.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
        {
            try { await page.ScreenshotAsync(GetType().Name); } catch (Exception e) when (e is not OutOfMemoryException) { }
        }
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }

    protected async Task<EditorPage> OpenAsync(string user, bool editable = true)
    {
        var page = await Browser.OpenAsync(user, Doc, editable);
        _pages.Add(page);
        return page;
    }

    /// A page that has not signed in yet (screenshotted at the end like the others).
    protected async Task<EditorPage> NewPageAsync(string user)
    {
        var page = await Browser.NewPageAsync(user, Doc);
        _pages.Add(page);
        return page;
    }

    /// A real access token for `name` from the development sign-in.
    protected static async Task<string> DevSignInAsync(HttpClient http, string name)
    {
        using var response = await http.PostAsJsonAsync("api/auth/dev-sign-in", new { name });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// PUT (body {"role": …}) or DELETE of `user`'s access to the test's document, as `token`'s user.
    protected async Task ChangeAccessAsync(HttpClient http, string token, HttpMethod method, string user, HttpContent? body)
    {
        using var request = new HttpRequestMessage(method, $"api/docs/{Doc}/access/{user}") { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} access of {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// Restricts the test's document to the people on its access list (general access "restricted"):
    /// without it, anyone signed in with the link may edit, also after the first share.
    protected async Task RestrictAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/docs/{Doc}/access") { Content = JsonContent.Create(new { general = "restricted" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"restricting {Doc}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// Bearer token for REST reads of a shared document (the anonymous development caller may not read it).
    protected string? RestToken { get; set; }

    /// The document's text as the REST API returns it (GET /api/docs/{id}).
    protected async Task<string> RestTextAsync()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        if (RestToken is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RestToken);
        using var json = JsonDocument.Parse(await http.GetStringAsync($"api/docs/{Doc}"));
        return string.Concat(json.RootElement.GetProperty("delta").GetProperty("ops").EnumerateArray()
            .Select(op => op.TryGetProperty("insert", out var insert) && insert.ValueKind == JsonValueKind.String ? insert.GetString() : ""));
    }

    /// Waits until every page says "All changes saved" and shows the server's text; returns it.
    protected async Task<string> WaitConvergedAsync(IReadOnlyList<EditorPage> pages, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var seen = "";
        while (clock.Elapsed < within)
        {
            var statuses = await Task.WhenAll(pages.Select(p => p.StatusAsync()));
            var texts = await Task.WhenAll(pages.Select(p => p.TextAsync()));
            var rest = await RestTextAsync();
            seen = $"statuses [{string.Join(", ", statuses)}], REST {Quote(rest)}, pages [{string.Join(", ", texts.Select(Quote))}]";
            if (statuses.All(s => s == "saved") && texts.All(t => t == rest)) return rest;
            await Task.Delay(200);
        }
        throw new TimeoutException($"no convergence within {within}: {seen}\nserver log:\n{Server.RecentLog}");
    }

    protected static string Quote(string text) => JsonSerializer.Serialize(text);
}
