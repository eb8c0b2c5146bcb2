using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

/// Every page with the keyboard alone. Sign-in: the name field has the focus, Enter signs in.
/// Documents: Tab reaches the new-document title, the lists' links and their Delete and Restore
/// buttons. Editor: Escape leaves the text, Tab reaches the header's controls, Enter opens the
/// history and the share dialog, Escape closes them and gives focus back to what opened them.
public sealed class KeyboardTests : E2ETest
{
    [Fact]
    public async Task Signing_in_creating_opening_deleting_and_restoring_a_document_need_only_the_keyboard()
    {
        var ann = await NewPageAsync("ann");
        var keys = ann.Page.Keyboard;
        await ann.Page.GotoAsync("/#/");
        await ann.Page.WaitForSelectorAsync("#user-name");
        await TabToAsync(ann, "#user-name");
        await keys.TypeAsync("ann");
        await keys.PressAsync("Enter");

        await TabToAsync(ann, "#new-title");
        await keys.TypeAsync("Typed without a mouse");
        await keys.PressAsync("Enter");
        await ann.WaitLoadedAsync();
        var doc = Uri.UnescapeDataString(new Uri(ann.Page.Url).Fragment["#/d/".Length..]);
        // The caret is not in the text yet: Tab walks the header from its start, the back link.
        await TabToAsync(ann, "#back");
        await keys.PressAsync("Enter");

        // The list follows the server's index a moment after the creation: Enter in the search
        // field loads it again.
        var link = $"#docs-mine li[data-doc='{doc}'] a.doc-name";
        for (var attempt = 0; await ann.Page.Locator(link).CountAsync() == 0; attempt++)
        {
            Assert.True(attempt < 30, $"{doc} never appeared in My documents");
            await TabToAsync(ann, "#doc-search");
            await keys.PressAsync("Enter");
            await ann.Page.Locator(link).WaitForAsync(new() { Timeout = 1_000 }).ContinueWith(_ => { });
        }
        await TabToAsync(ann, link);
        await keys.PressAsync("Enter");
        await ann.WaitLoadedAsync();
        await TabToAsync(ann, "#back");
        await keys.PressAsync("Enter");

        await TabToAsync(ann, $"#docs-mine li[data-doc='{doc}'] button.delete");
        await keys.PressAsync("Enter");
        await TabToAsync(ann, $"#docs-trash li[data-doc='{doc}'] button.restore");
        await keys.PressAsync("Enter");
        await ann.Page.WaitForSelectorAsync(link);
        Assert.Equal(0, await ann.Page.Locator($"#docs-trash li[data-doc='{doc}']").CountAsync());
    }

    [Fact]
    public async Task The_history_and_the_share_dialog_open_and_close_with_the_keyboard_alone()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "typed, then left by keyboard");
        await ann.WaitStatusAsync("saved");

        // In the text, Tab types a tab (as in any editor); Escape leaves the text for the header.
        await ann.Page.Keyboard.PressAsync("Escape");
        await ann.Page.WaitForFunctionAsync("() => document.activeElement?.id === 'back'");
        await TabToAsync(ann, "#history-button");
        await ann.Page.Keyboard.PressAsync("Enter");
        // The newest session has the focus once the list is loaded; Enter shows that version.
        await ann.Page.WaitForFunctionAsync("() => document.activeElement?.classList.contains('history-session')");
        await ann.Page.Keyboard.PressAsync("Enter");
        await ann.Page.WaitForFunctionAsync("() => document.querySelector('#history-preview .ql-editor')?.innerText.trim() === 'typed, then left by keyboard'");
        await ann.Page.Keyboard.PressAsync("Escape");
        await ann.Page.WaitForFunctionAsync("() => document.querySelector('#history').hidden && document.activeElement?.id === 'history-button'");
        Assert.Equal("false", await ann.Page.GetAttributeAsync("#history-button", "aria-expanded"));

        await TabToAsync(ann, "#share");
        await ann.Page.Keyboard.PressAsync("Enter");
        await ann.Page.WaitForSelectorAsync("#share-dialog[open]");
        await ann.Page.Keyboard.PressAsync("Escape");
        await ann.Page.WaitForFunctionAsync("() => !document.querySelector('#share-dialog').open && document.activeElement?.id === 'share'");
    }

    // Presses Tab until the element matching selector has the focus (at most 60 times).
    private static async Task TabToAsync(EditorPage page, string selector)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.Page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector)) return;
            await page.Page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {selector}; the focus is on {await page.Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 80)")}");
    }
}
