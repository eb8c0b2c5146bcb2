using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

/// The editor page with the keyboard alone: Escape leaves the text, Tab reaches the header's
/// controls, Enter opens the history and the share dialog, Escape closes them and gives focus
/// back to what opened them.
public sealed class KeyboardTests : E2ETest
{
    [Fact]
    public async Task The_history_and_the_share_dialog_open_and_close_with_the_keyboard_alone()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "typed, then left by keyboard");
        await ann.WaitStatusAsync("saved");

        // In the text, Tab types a tab (as in any editor); Escape leaves the text for the header.
        await ann.Page.Keyboard.PressAsync("Escape");
        await ann.Page.WaitForFunctionAsync("() => document.activeElement?.id === 'back'");
        await TabToAsync(ann, "history-button");
        await ann.Page.Keyboard.PressAsync("Enter");
        // The newest session has the focus once the list is loaded; Enter shows that version.
        await ann.Page.WaitForFunctionAsync("() => document.activeElement?.classList.contains('history-session')");
        await ann.Page.Keyboard.PressAsync("Enter");
        await ann.Page.WaitForFunctionAsync("() => document.querySelector('#history-preview .ql-editor')?.innerText.trim() === 'typed, then left by keyboard'");
        await ann.Page.Keyboard.PressAsync("Escape");
        await ann.Page.WaitForFunctionAsync("() => document.querySelector('#history').hidden && document.activeElement?.id === 'history-button'");
        Assert.Equal("false", await ann.Page.GetAttributeAsync("#history-button", "aria-expanded"));

        await TabToAsync(ann, "share");
        await ann.Page.Keyboard.PressAsync("Enter");
        await ann.Page.WaitForSelectorAsync("#share-dialog[open]");
        await ann.Page.Keyboard.PressAsync("Escape");
        await ann.Page.WaitForFunctionAsync("() => !document.querySelector('#share-dialog').open && document.activeElement?.id === 'share'");
    }

    // Presses Tab until the element with id has the focus (at most 40 times: the header is short).
    private static async Task TabToAsync(EditorPage page, string id)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.Page.EvaluateAsync<bool>("id => document.activeElement?.id === id", id)) return;
            await page.Page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached #{id}; the focus is on {await page.Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 80)")}");
    }
}
