using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

/// Who is here: an avatar for everyone with the document open, in the colour of their cursor,
/// dimmed while idle, gone when they leave; clicking one jumps to that person's cursor.
public sealed class PeopleTests : E2ETest
{
    [Fact]
    public async Task Three_users_see_each_others_avatars_and_a_click_on_one_jumps_to_that_users_cursor()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "Hello world, and more text");
        await ann.WaitStatusAsync("saved");
        var bob = await OpenAsync("bob");
        var carol = await OpenAsync("carol");
        await bob.Page.EvaluateAsync("() => window.__akkacollab.quill.setSelection(11, 0, 'user')");

        // Everyone, this user first; carol only reads (no cursor) and is here all the same.
        await WaitAvatarsAsync(ann, "ann,bob,carol");
        await WaitAvatarsAsync(bob, "bob,ann,carol");
        await WaitAvatarsAsync(carol, "carol,ann,bob");
        Assert.Equal("BO", await carol.Page.InnerTextAsync(".avatar[data-user='bob']"));
        Assert.Equal("You (carol)", await carol.Page.GetAttributeAsync(".avatar[data-user='carol']", "aria-label"));

        // Bob's avatar has the colour of bob's caret.
        await carol.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('.ql-cursor')].some(c => c.querySelector('.ql-cursor-name')?.textContent === 'bob')");
        var colours = await carol.Page.EvaluateAsync<string[]>(
            @"() => {
                const caret = [...document.querySelectorAll('.ql-cursor')].find(c => c.querySelector('.ql-cursor-name')?.textContent === 'bob').querySelector('.ql-cursor-caret');
                return [getComputedStyle(caret).backgroundColor, getComputedStyle(document.querySelector("".avatar[data-user='bob']"")).backgroundColor];
            }");
        Assert.Equal(colours[0], colours[1]);

        await carol.Page.ClickAsync(".avatar[data-user='bob']");
        await carol.Page.WaitForFunctionAsync("() => window.__akkacollab.quill.getSelection()?.index === 11");

        // Carol's tab is hidden: the others see her dimmed; she closes it: her avatar goes at once.
        await carol.Page.EvaluateAsync(
            "() => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' }); document.dispatchEvent(new Event('visibilitychange')); }");
        await ann.Page.WaitForFunctionAsync("() => document.querySelector(\".avatar[data-user='carol']\")?.dataset.idle === 'true'");
        Assert.Equal("carol, idle", await ann.Page.GetAttributeAsync(".avatar[data-user='carol']", "aria-label"));
        await carol.Page.CloseAsync();
        await WaitAvatarsAsync(ann, "ann,bob");
        await WaitAvatarsAsync(bob, "bob,ann");
    }

    private static Task WaitAvatarsAsync(EditorPage page, string users) =>
        page.Page.WaitForFunctionAsync("u => [...document.querySelectorAll('#people .avatar')].map(a => a.dataset.user).join(',') === u", users);
}
