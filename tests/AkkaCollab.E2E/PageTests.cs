using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

/// What the browser's tab and the sign-in page say about where the user is.
public sealed class PageTests : E2ETest
{
    [Fact]
    public async Task Each_page_has_its_own_tab_title_the_favicon_and_the_sign_in_page_says_it_is_development_mode()
    {
        var ann = await NewPageAsync("ann");
        var page = ann.Page;
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#sign-in");
        Assert.Equal("Sign in · AkkaCollab", await page.TitleAsync());
        Assert.StartsWith("Development mode.", await page.InnerTextAsync("#dev-mode"));
        var icon = await page.GetAttributeAsync("link[rel=icon]", "href");
        Assert.StartsWith("data:image/svg+xml,", icon);

        await page.FillAsync("#user-name", "ann");
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForSelectorAsync("#create");
        Assert.Equal("Documents · AkkaCollab", await page.TitleAsync());

        await page.GotoAsync($"/#/d/{Doc}?new");
        await ann.WaitLoadedAsync();
        // A document nobody has named yet.
        Assert.Equal("Untitled document · AkkaCollab", await page.TitleAsync());
    }
}
