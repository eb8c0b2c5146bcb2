using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AkkaCollab.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AkkaCollab.E2E;

public sealed partial class SecurityTests(ITestOutputHelper output) : E2ETest
{
    /// Everything the page can persist: localStorage, sessionStorage and every IndexedDB record.
    private const string DumpStorage = """
        async () => {
          const out = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
          const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
          for (const info of await indexedDB.databases()) {
            const db = await req(indexedDB.open(info.name));
            for (const name of db.objectStoreNames) out.push(JSON.stringify(await req(db.transaction(name).objectStore(name).getAll())));
            db.close();
          }
          return out.join('\n');
        }
        """;

    [Fact]
    public async Task After_sign_in_no_token_is_stored_and_a_reload_signs_in_again_through_the_refresh_cookie()
    {
        var ann = await NewPageAsync("ann");
        await ann.Page.GotoAsync($"/#/d/{Doc}?new");
        var signIn = await ann.Page.RunAndWaitForResponseAsync(async () =>
        {
            await ann.Page.FillAsync("#user-name", "ann");
            await ann.Page.ClickAsync("#sign-in button[type=submit]");
        }, r => r.Url.EndsWith("/api/auth/dev-sign-in", StringComparison.Ordinal));
        using var issued = JsonDocument.Parse(await signIn.TextAsync());
        var token = issued.RootElement.GetProperty("accessToken").GetString()!;
        Assert.Matches(Jwt(), token);
        await ann.WaitLoadedAsync();
        await ann.TypeAtAsync(0, "kept on this device");
        await ann.WaitStatusAsync("saved");
        await ann.WaitPersistedAsync();

        var stored = await ann.Page.EvaluateAsync<string>(DumpStorage);
        Assert.Contains("kept on this device", stored); // the dump does read IndexedDB
        Assert.DoesNotContain(token, stored);
        Assert.DoesNotMatch(Jwt(), stored);
        Assert.Equal(["jwt"], await ann.HelloTokensAsync());
        var cookie = (await ann.Context.CookiesAsync()).Single(c => c.Name == "akkacollab-refresh");
        Assert.True(cookie.HttpOnly && cookie.Secure, "the refresh cookie is HttpOnly and Secure");
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/api/auth", cookie.Path);
        Assert.Equal("", await ann.Page.EvaluateAsync<string>("() => document.cookie"));

        await ann.Page.ReloadAsync();
        await ann.WaitLoadedAsync();
        Assert.Equal(0, await ann.Page.Locator("#sign-in").CountAsync());
        await ann.WaitStatusAsync("saved");
        Assert.Equal("kept on this device\n", await ann.TextAsync());
        Assert.Equal(["jwt"], await ann.HelloTokensAsync());

        // Sign-out revokes the cookie's sign-in: the next load shows the sign-in form.
        await ann.Page.ClickAsync("text=← Documents");
        await ann.Page.ClickAsync("#sign-out");
        await ann.Page.WaitForSelectorAsync("#sign-in");
        await ann.Page.ReloadAsync();
        await ann.Page.WaitForSelectorAsync("#sign-in");
    }

    [Fact]
    public async Task A_collaborator_whose_access_is_removed_sees_access_removed_and_stops_reconnecting()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var annToken = await DevSignInAsync(http, "ann");
        // The first share claims the open document: ann becomes its owner, bob an editor; then ann
        // restricts it to the people on its list.
        await ChangeAccessAsync(http, annToken, HttpMethod.Put, "bob", JsonContent.Create(new { role = "editor" }));
        await RestrictAsync(http, annToken);

        var bob = await OpenAsync("bob");
        await bob.TypeAtAsync(0, "bob was here");
        await bob.WaitStatusAsync("saved");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await ChangeAccessAsync(http, annToken, HttpMethod.Delete, "bob", null);

        await bob.WaitStatusAsync("forbidden", timeoutMs: 10_000);
        output.WriteLine($"the page showed access removed {clock.ElapsedMilliseconds} ms after the unshare request was sent");
        Assert.Equal("Access removed", await bob.StatusTextAsync());
        var hellos = (await bob.HelloTokensAsync()).Length;
        await Task.Delay(3_000);
        Assert.Equal(hellos, (await bob.HelloTokensAsync()).Length);
        Assert.Equal("forbidden", await bob.StatusAsync());
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex Jwt();
}
