using AkkaCollab.E2E.Infrastructure;
using Xunit.Abstractions;

namespace AkkaCollab.E2E;

public sealed class ConvergenceTests(ITestOutputHelper output) : E2ETest
{
    [Fact]
    public async Task Three_people_typing_at_once_converge_with_each_other_and_the_server()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "top\nmiddle\nbottom");
        await ann.WaitStatusAsync("saved");
        var bob = await OpenAsync("bob");
        var cat = await OpenAsync("cat");
        EditorPage[] pages = [ann, bob, cat];

        var opsBefore = (await Task.WhenAll(pages.Select(p => p.SentOpsAsync()))).Sum();

        // Everyone types at the end of their own line at the same time, key by key, as fast as
        // Playwright presses keys (a few ms apart: the 30 ms coalescing window must show).
        string[] typed = [" ann was here", " bob types too", " cat also"];
        await Task.WhenAll(
            ann.TypeAtLineEndAsync(0, typed[0], delayMs: 0),
            bob.TypeAtLineEndAsync(1, typed[1], delayMs: 0),
            cat.TypeAtLineEndAsync(2, typed[2], delayMs: 0));

        var text = await WaitConvergedAsync(pages, TimeSpan.FromSeconds(30));
        var keys = typed.Sum(t => t.Length);
        var ops = (await Task.WhenAll(pages.Select(p => p.SentOpsAsync()))).Sum() - opsBefore;
        output.WriteLine($"{keys} keys pressed by three people at once were sent as {ops} op frames");
        Assert.True(ops < keys, $"{keys} keys were sent as {ops} op frames: keystrokes are not coalesced");
        Assert.Equal("top ann was here\nmiddle bob types too\nbottom cat also\n", text);
        var contents = await Task.WhenAll(pages.Select(p => p.ContentsJsonAsync()));
        Assert.All(contents, c => Assert.Equal(contents[0], c));
        Assert.Equal("All changes saved", await ann.StatusTextAsync());
    }
}
