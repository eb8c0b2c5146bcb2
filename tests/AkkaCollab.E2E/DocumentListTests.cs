using AkkaCollab.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AkkaCollab.E2E;

/// The documents page's server lists: My documents, Shared with me, search, and the trash, for
/// two people after one shares a document with the other.
public sealed class DocumentListTests : E2ETest
{
    private const string Title = "Team plan — 日本語の文書";

    private static string Row(string list, string doc) => $"#docs-{list} li[data-doc='{doc}']";

    // The lists follow the server's index a moment after a change: searching again reloads them.
    private static async Task WaitListedAsync(IPage page, string list, string doc, bool listed = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await page.Locator(Row(list, doc)).WaitForAsync(new LocatorWaitForOptions
                {
                    State = listed ? WaitForSelectorState.Visible : WaitForSelectorState.Detached,
                    Timeout = 1_000,
                });
                return;
            }
            catch (TimeoutException) when (attempt < 15)
            {
                await page.ClickAsync("#doc-search-form button[type=submit]");
            }
        }
    }

    [Fact]
    public async Task The_lists_for_two_users_after_sharing()
    {
        // alice creates the document from the page, names it and shares it with bob as editor.
        var alice = await NewPageAsync("alice");
        await Browser.SignInAtAsync(alice, "#/");
        await alice.Page.FillAsync("#new-title", Title);
        await alice.Page.ClickAsync("#create button[type=submit]");
        await alice.WaitLoadedAsync();
        await alice.Page.WaitForFunctionAsync("t => document.title === t", $"{Title} · AkkaCollab");
        var doc = Uri.UnescapeDataString(new Uri(alice.Page.Url).Fragment["#/d/".Length..]);
        await alice.Page.ClickAsync("#share");
        await alice.Page.FillAsync("#share-user", "bob");
        await alice.Page.SelectOptionAsync("#share-role", "editor");
        await alice.Page.PressAsync("#share-user", "Enter");
        await alice.Page.WaitForSelectorAsync("#share-members li[data-user=bob][data-role=editor]");
        await alice.Page.Keyboard.PressAsync("Escape");
        await alice.Page.ClickAsync("#back");

        await WaitListedAsync(alice.Page, "mine", doc);
        Assert.Equal(Title, await alice.Page.InnerTextAsync($"{Row("mine", doc)} a.doc-name"));
        Assert.StartsWith("You: owner · Edited", await alice.Page.InnerTextAsync($"{Row("mine", doc)} .doc-details"));
        Assert.Equal(0, await alice.Page.Locator("#docs-shared li").CountAsync());

        var bob = await NewPageAsync("bob");
        await Browser.SignInAtAsync(bob, "#/");
        await WaitListedAsync(bob.Page, "shared", doc);
        Assert.Equal(Title, await bob.Page.InnerTextAsync($"{Row("shared", doc)} a.doc-name"));
        Assert.StartsWith("Owner: alice · You: editor · Edited", await bob.Page.InnerTextAsync($"{Row("shared", doc)} .doc-details"));
        Assert.Equal(0, await bob.Page.Locator($"{Row("shared", doc)} button").CountAsync()); // only owners delete
        Assert.Equal(0, await bob.Page.Locator("#docs-mine li").CountAsync());

        // Search by a part of the title, in another case and script than ASCII; Enter searches.
        await bob.Page.FillAsync("#doc-search", "日本語");
        await bob.Page.PressAsync("#doc-search", "Enter");
        await WaitListedAsync(bob.Page, "shared", doc);
        await bob.Page.FillAsync("#doc-search", "TEAM PLAN");
        await bob.Page.PressAsync("#doc-search", "Enter");
        await WaitListedAsync(bob.Page, "shared", doc);
        await bob.Page.FillAsync("#doc-search", "no such words");
        await bob.Page.PressAsync("#doc-search", "Enter");
        await WaitListedAsync(bob.Page, "shared", doc, listed: false);
        await bob.Page.FillAsync("#doc-search", "");

        // bob has it open in another tab when alice deletes it.
        var bobEditor = await bob.Context.NewPageAsync();
        await bobEditor.GotoAsync($"/#/d/{doc}");
        await bobEditor.WaitForFunctionAsync("() => window.__akkacollab?.client.loaded === true");

        // alice deletes it with the keyboard: it leaves both lists and is in her trash.
        await alice.Page.FocusAsync($"{Row("mine", doc)} button.delete");
        await alice.Page.Keyboard.PressAsync("Enter");
        await alice.Page.WaitForSelectorAsync($"{Row("trash", doc)} button.restore");
        Assert.Equal(0, await alice.Page.Locator(Row("mine", doc)).CountAsync());
        await WaitListedAsync(bob.Page, "shared", doc, listed: false);
        await alice.Page.ReloadAsync();
        await WaitListedAsync(alice.Page, "trash", doc);
        Assert.Equal(0, await alice.Page.Locator(Row("mine", doc)).CountAsync());
        Assert.Contains("Deleted just now", await alice.Page.InnerTextAsync($"{Row("trash", doc)} .doc-details"));

        // bob's open editor stops, read-only, and says why; while it is deleted, his link says so.
        await bobEditor.WaitForSelectorAsync("#status[data-status=deleted]");
        Assert.Equal("This document was deleted", await bobEditor.InnerTextAsync("#status"));
        Assert.False(await bobEditor.EvaluateAsync<bool>("() => window.__akkacollab.quill.isEnabled()"), "the text is read-only");
        await bobEditor.CloseAsync();
        await bob.Page.GotoAsync($"/#/d/{doc}");
        await bob.Page.WaitForSelectorAsync("#doc-problem");
        Assert.Equal("This document was deleted", await bob.Page.InnerTextAsync("#doc-problem h2"));

        // Restore brings it back for both.
        await alice.Page.ClickAsync($"{Row("trash", doc)} button.restore");
        await alice.Page.WaitForSelectorAsync(Row("mine", doc));
        Assert.Equal(0, await alice.Page.Locator(Row("trash", doc)).CountAsync());
        await bob.Page.GotoAsync("/#/");
        await WaitListedAsync(bob.Page, "shared", doc);
        await bob.Page.ClickAsync($"{Row("shared", doc)} a.doc-name");
        await bob.WaitLoadedAsync();
    }
}
