using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

/// Renaming in place from the header, seen live by everyone with the document open.
public sealed class TitleTests : E2ETest
{
    private static async Task WaitTabTitleAsync(EditorPage page, string title) =>
        await page.Page.WaitForFunctionAsync("t => document.title === t", $"{title} · AkkaCollab");

    [Fact]
    public async Task A_rename_in_one_browser_shows_in_the_other_browsers_header_and_tab_at_once()
    {
        var ann = await OpenAsync("ann");
        var bob = await OpenAsync("bob");

        await ann.Page.FillAsync("#doc-title", "Плана — 計画");
        await ann.Page.PressAsync("#doc-title", "Enter");

        await WaitTabTitleAsync(bob, "Плана — 計画");
        Assert.Equal("Плана — 計画", await bob.Page.InputValueAsync("#doc-title"));
        await WaitTabTitleAsync(ann, "Плана — 計画");
    }

    [Fact]
    public async Task A_title_that_is_too_long_is_refused_with_the_reason_and_nobody_sees_it()
    {
        var ann = await OpenAsync("ann");
        var bob = await OpenAsync("bob");
        await ann.Page.FillAsync("#doc-title", "Kept");
        await ann.Page.PressAsync("#doc-title", "Enter");
        await WaitTabTitleAsync(bob, "Kept");

        await ann.Page.FillAsync("#doc-title", new string('x', 201));
        await ann.Page.PressAsync("#doc-title", "Enter");

        await ann.Page.WaitForSelectorAsync("#notice:not([hidden])");
        Assert.Equal("The title was not changed: title: at most 200 characters, got 201", await ann.Page.InnerTextAsync("#notice-text"));
        Assert.Equal("Kept", await ann.Page.InputValueAsync("#doc-title"));
        // Had a rename gone out, its title frame would reach bob before ann's later edit (one feed, in order).
        await ann.TypeAtAsync(0, "after");
        await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(20));
        Assert.Equal("Kept", await bob.Page.InputValueAsync("#doc-title"));
        Assert.Equal("Kept · AkkaCollab", await bob.Page.TitleAsync());
    }

    [Fact]
    public async Task A_viewer_sees_the_title_and_cannot_change_it()
    {
        var ann = await OpenAsync("ann");
        await ann.Page.FillAsync("#doc-title", "Owner's plan");
        await ann.Page.PressAsync("#doc-title", "Enter");
        await WaitTabTitleAsync(ann, "Owner's plan");
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var token = await DevSignInAsync(http, "ann");
        await ChangeAccessAsync(http, token, HttpMethod.Put, "vic", System.Net.Http.Json.JsonContent.Create(new { role = "viewer" }));
        await RestrictAsync(http, token);

        var vic = await OpenAsync("vic", editable: false);

        await WaitTabTitleAsync(vic, "Owner's plan");
        Assert.False(await vic.Page.Locator("#doc-title").IsEditableAsync(), "a viewer's title field is read-only");
    }
}
