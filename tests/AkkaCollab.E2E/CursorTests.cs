using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

public sealed class CursorTests : E2ETest
{
    [Fact]
    public async Task A_collaborators_cursor_shows_with_their_name_where_they_are_and_moves_with_edits()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "Hello world");
        await ann.WaitStatusAsync("saved");
        var bob = await OpenAsync("bob");
        await bob.Page.EvaluateAsync("() => window.__akkacollab.quill.setSelection(6, 0, 'user')");

        await WaitCursorAsync(ann, ("bob", 6, 0));
        Assert.True(await CaretOffsetAsync(ann, "bob", 6) < 3, "bob's caret is not drawn before 'world'");
        Assert.True(await ann.Page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('.ql-cursor-flag')].some(f => f.querySelector('.ql-cursor-name')?.textContent === 'bob' && getComputedStyle(f).visibility === 'visible')"),
            "bob's name is not shown on his caret");

        // ann types in front of bob's caret: it stays before "world".
        await ann.TypeAtAsync(0, "Hey, ");
        await WaitCursorAsync(ann, ("bob", 11, 0));
        Assert.True(await CaretOffsetAsync(ann, "bob", 11) < 3, "bob's caret did not move with ann's text");
        Assert.Equal("Hey, Hello world\n", await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(20)));
    }

    private static async Task WaitCursorAsync(EditorPage page, (string Name, int Index, int Length) expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var seen = new List<(string, int, int)>();
        while (DateTime.UtcNow < deadline)
        {
            seen = await page.CursorsAsync();
            if (seen.Contains(expected)) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{page.User} never showed {expected}; saw [{string.Join(", ", seen)}]");
    }

    /// Pixels between the drawn caret labelled `name` and where the editor puts character `index`.
    private static Task<double> CaretOffsetAsync(EditorPage page, string name, int index) =>
        page.Page.EvaluateAsync<double>(
            @"([name, index]) => {
                const q = window.__akkacollab.quill;
                const cursor = [...document.querySelectorAll('.ql-cursor')].find(c => c.querySelector('.ql-cursor-name')?.textContent === name);
                if (!cursor) return 1e9;
                const caret = cursor.querySelector('.ql-cursor-caret-container').getBoundingClientRect();
                const box = q.container.getBoundingClientRect();
                const at = q.getBounds(index);
                // The caret's container is centred on the caret line.
                return Math.hypot(box.left + at.left - (caret.left + caret.width / 2), box.top + at.top - caret.top);
            }",
            new object[] { name, index });
}
