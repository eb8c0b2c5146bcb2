using AkkaCollab.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AkkaCollab.E2E;

/// Every page at desktop and phone width: it must not scroll sideways at either, and each is kept
/// as a screenshot under artifacts/e2e/pages (not committed) for a reviewer to look at.
public sealed class ScreenshotTests : E2ETest
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [("desktop", 1280, 800), ("phone", 390, 844)];

    [Fact]
    public async Task Every_page_fits_a_desktop_and_a_phone_without_scrolling_sideways_and_is_kept_as_a_screenshot()
    {
        var ann = await NewPageAsync("ann");
        await ann.Page.GotoAsync("/#/");
        await ann.Page.WaitForSelectorAsync("#sign-in #dev-mode");
        await ShootAsync(ann, "sign-in");

        await ann.Page.FillAsync("#user-name", "ann");
        await ann.Page.ClickAsync("#sign-in button[type=submit]");
        await ann.Page.WaitForSelectorAsync("#create");
        await ShootAsync(ann, "documents");

        await ann.Page.GotoAsync($"/#/d/{Doc}?new");
        await ann.WaitLoadedAsync();
        await ann.TypeAtAsync(0, "A document with a few words in it, and a second sentence that wraps.");
        await ann.WaitStatusAsync("saved");
        await ShootAsync(ann, "editor");

        await ann.Page.ClickAsync("#share");
        await ann.Page.WaitForSelectorAsync("#share-dialog[open]");
        await ShootAsync(ann, "share-dialog");
        await ann.Page.Keyboard.PressAsync("Escape");

        await ann.Page.ClickAsync("#history-button");
        await ann.Page.ClickAsync("#history-sessions .history-session");
        await ann.Page.WaitForFunctionAsync("() => document.querySelector('#history-preview .ql-editor')?.innerText.trim().startsWith('A document')");
        await ShootAsync(ann, "history");

        // The documents page with a row in its lists: sharing claims the document for ann.
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        await ChangeAccessAsync(http, await DevSignInAsync(http, "ann"), HttpMethod.Put, "bob", System.Net.Http.Json.JsonContent.Create(new { role = "editor" }));
        await ann.Page.GotoAsync("/#/");
        for (var attempt = 0; await ann.Page.Locator($"#docs-mine li[data-doc='{Doc}']").CountAsync() == 0; attempt++)
        {
            Assert.True(attempt < 50, "the shared document never reached ann's list");
            await ann.Page.ClickAsync("#doc-search-form button[type=submit]"); // the index follows a moment after the change
            await ann.Page.WaitForTimeoutAsync(200);
        }
        await ShootAsync(ann, "documents-lists");
    }

    private static async Task ShootAsync(EditorPage page, string name)
    {
        var folder = Path.Combine(Browser.ArtifactsFolder, "pages");
        Directory.CreateDirectory(folder);
        foreach (var (size, width, height) in Sizes)
        {
            await page.Page.SetViewportSizeAsync(width, height);
            await page.Page.WaitForFunctionAsync("w => window.innerWidth === w", width);
            var overflow = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{size}.png"), FullPage = true });
            Assert.True(overflow <= 0, $"the {name} page scrolls sideways by {overflow} px at {width} px ({size})");
        }
    }
}
