using System.Text.RegularExpressions;
using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

public sealed partial class AppTests : E2ETest
{
    [Fact]
    public async Task Signing_in_creating_a_document_and_sharing_and_exporting_it_work_from_the_page()
    {
        var ann = await NewPageAsync("ann");
        var page = ann.Page;
        await page.GotoAsync("/");
        await page.FillAsync("#user-name", "not a valid name!");
        await page.ClickAsync("#sign-in button[type=submit]");
        Assert.Contains("1–64 letters", await page.InnerTextAsync("#sign-in .error"));
        await page.FillAsync("#user-name", "ann");
        await page.ClickAsync("#sign-in button[type=submit]");

        await page.FillAsync("#new-title", "Team plan — 日本語");
        await page.ClickAsync("#create button[type=submit]");
        await ann.WaitLoadedAsync();
        var doc = DocIdInHash().Match(page.Url).Groups[1].Value;
        // The id is opaque; the title is the document's own, shown once the server has it.
        Assert.Matches("^doc-[a-z0-9]{12}$", doc);
        await page.WaitForFunctionAsync("() => document.title === 'Team plan — 日本語 · AkkaCollab'");
        Assert.Equal("Team plan — 日本語", await page.InputValueAsync("#doc-title"));
        await ann.TypeAtAsync(0, "Plan <b>& more");
        await ann.WaitStatusAsync("saved");
        Assert.Equal("All changes saved", await ann.StatusTextAsync());

        await page.ClickAsync("#share");
        Assert.Equal($"{Server.BaseUri}#/d/{doc}", await page.InputValueAsync("#share-url"));
        await page.ClickAsync("#share-close"); // the Share dialog is modal: the header waits behind it
        var export = await page.GetAttributeAsync("#export-html", "href");
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var html = await http.GetStringAsync(export!.TrimStart('/'));
        Assert.Contains("Plan &lt;b&gt;&amp; more", html);
        // From the page the export is fetched with the Bearer token and downloaded from a blob.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-html"));
        Assert.Equal("Team plan — 日本語.html", download.SuggestedFilename);
        Assert.Contains("Plan &lt;b&gt;&amp; more", await File.ReadAllTextAsync((await download.PathAsync())!));

        await page.ClickAsync("text=← Documents");
        Assert.Equal("Team plan — 日本語", await page.InnerTextAsync($"#docs a[href='#/d/{doc}']"));
    }

    [Fact]
    public async Task The_page_is_never_cached_and_its_fingerprinted_assets_are_cached_for_a_year()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var index = await http.GetAsync("/");
        Assert.Equal("no-store", index.Headers.CacheControl?.ToString());
        Assert.Contains("script-src 'self'", string.Join(" ", index.Headers.GetValues("Content-Security-Policy")));
        var html = await index.Content.ReadAsStringAsync();
        var assets = AssetUrl().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, assets.Count);
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(asset);
            response.EnsureSuccessStatusCode();
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }
        using var api = await http.GetAsync($"api/docs/{Doc}");
        Assert.Equal("no-store", api.Headers.CacheControl?.ToString());
        using var worker = await http.GetAsync("sw.js");
        Assert.Equal("no-store", worker.Headers.CacheControl?.ToString());
    }

    [GeneratedRegex("#/d/([^/?#]+)$")]
    private static partial Regex DocIdInHash();

    [GeneratedRegex("(?:src|href)=\"(/assets/app-[A-Z0-9]+\\.(?:js|css))\"")]
    private static partial Regex AssetUrl();
}
