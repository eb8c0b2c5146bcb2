using System.Net.Http.Json;
using AkkaCollab.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AkkaCollab.E2E;

/// The Share dialog: an owner changes who has access and what the link allows, and everyone
/// else sees the list without controls.
public sealed class ShareTests : E2ETest
{
    private const string Members = "() => [...document.querySelectorAll('#share-members li[data-user]')].map(li => `${li.dataset.user} ${li.dataset.role}`).join(', ')";

    [Fact]
    public async Task Sharing_from_the_dialog_claims_the_document_and_applies_live_to_open_pages()
    {
        var ann = await OpenAsync("ann");
        var cat = await OpenAsync("cat"); // anyone signed in with the link may edit a new document
        await ann.Page.ClickAsync("#share");
        await ann.Page.WaitForSelectorAsync("#share-dialog[open]");
        await WaitTextAsync(ann.Page, "#share-note", "Nobody owns this document yet: if you change its sharing, you will become its owner.");

        // Keyboard only: the name, the role, Enter.
        await ann.Page.FocusAsync("#share-user");
        await ann.Page.Keyboard.TypeAsync("bob");
        await ann.Page.SelectOptionAsync("#share-role", "viewer");
        await ann.Page.FocusAsync("#share-user");
        await ann.Page.Keyboard.PressAsync("Enter");
        await ann.Page.WaitForFunctionAsync($"() => ({Members})() === 'ann owner, bob viewer'");
        Assert.Equal("", await ann.Page.InputValueAsync("#share-user"));
        Assert.False(await ann.Page.IsVisibleAsync("#share-note"));

        await ann.Page.SelectOptionAsync("#share-general", "restricted");
        await cat.WaitStatusAsync("forbidden");
        Assert.Equal("Access removed", await cat.StatusTextAsync());
        Assert.Equal("restricted", await ann.Page.InputValueAsync("#share-general"));
        Assert.False(await ann.Page.IsVisibleAsync("#share-general-text"));
        Assert.Equal("ann owner, bob viewer", await ann.Page.EvaluateAsync<string>(Members));

        // The last owner may not step down: the server's sentence shows and the list stays.
        await ann.Page.SelectOptionAsync("#share-members li[data-user=ann] select", "editor");
        await WaitTextAsync(ann.Page, "#share-error", $"ann is the only owner of {Doc}: make someone else an owner first");
        Assert.Equal("owner", await ann.Page.InputValueAsync("#share-members li[data-user=ann] select"));
        Assert.Equal("ann owner, bob viewer", await ann.Page.EvaluateAsync<string>(Members));

        await ann.Page.Keyboard.PressAsync("Escape");
        await ann.Page.WaitForSelectorAsync("#share-dialog", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        Assert.Equal("share", await ann.Page.EvaluateAsync<string>("() => document.activeElement.id"));

        var bob = await OpenAsync("bob", editable: false);
        Assert.True(await bob.Page.IsVisibleAsync("#view-only"));
        Assert.Equal(0, await bob.Page.Locator(".ql-toolbar").CountAsync());
    }

    [Fact]
    public async Task Someone_who_is_not_an_owner_sees_the_list_without_controls_and_the_link_at_phone_width()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var annToken = await DevSignInAsync(http, "ann");
        await ChangeAccessAsync(http, annToken, HttpMethod.Put, "bob", JsonContent.Create(new { role = "editor" }));
        var bob = await OpenAsync("bob");
        await bob.Page.SetViewportSizeAsync(360, 640);

        await bob.Page.ClickAsync("#share");
        await bob.Page.WaitForFunctionAsync($"() => ({Members})() === 'ann owner, bob editor'");
        Assert.Equal("Only owners can change sharing.", await bob.Page.InnerTextAsync("#share-note"));
        Assert.Equal(0, await bob.Page.Locator("#share-members select, #share-members button").CountAsync());
        Assert.False(await bob.Page.IsVisibleAsync("#share-add"));
        Assert.False(await bob.Page.IsVisibleAsync("#share-general"));
        Assert.Equal("Anyone signed in with the link can edit", await bob.Page.InnerTextAsync("#share-general-text"));
        Assert.Equal($"{Server.BaseUri}#/d/{Doc}", await bob.Page.InputValueAsync("#share-url"));
        var box = await bob.Page.Locator("#share-dialog").BoundingBoxAsync();
        Assert.True(box is { X: >= 0 } && box.X + box.Width <= 360, $"the dialog fits 360 px: {box?.X} + {box?.Width}");
        Assert.True(await bob.Page.EvaluateAsync<bool>("() => { const d = document.querySelector('#share-dialog'); return d.scrollWidth <= d.clientWidth; }"));

        await bob.Page.ClickAsync("#share-close");
        await bob.Page.WaitForSelectorAsync("#share-dialog", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        Assert.Equal("share", await bob.Page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    private static Task WaitTextAsync(IPage page, string selector, string text) =>
        page.WaitForFunctionAsync("([s, t]) => document.querySelector(s)?.textContent === t", new[] { selector, text });
}
