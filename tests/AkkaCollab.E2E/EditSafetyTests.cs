using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

/// Issue 10's reproductions of lost work: an unsafe link in an offline session, and pastes
/// larger than the server's per-op limit.
public sealed class EditSafetyTests : E2ETest
{
    [Fact]
    public async Task An_offline_session_with_a_javascript_link_keeps_both_paragraphs_and_says_the_link_was_removed()
    {
        var ann = await OpenAsync("ann");
        var bob = await OpenAsync("bob");
        await ann.TypeAtAsync(0, "Agenda\n");
        await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(20));
        await ann.Page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

        await ann.Context.SetOfflineAsync(true);
        await ann.WaitStatusAsync("offline");
        await ann.TypeAtLineEndAsync(1, "First paragraph typed offline.\nSecond paragraph, ");
        // Quill's link tooltip stores an unsafe address as about:blank; a pasted one the same way.
        await ann.Page.EvaluateAsync("() => { const q = window.__akkacollab.quill; q.formatText(7, 5, 'link', 'javascript:void(0)', 'user'); }");
        await ann.PasteAtAsync(await ann.Page.EvaluateAsync<int>("() => window.__akkacollab.quill.getLength() - 1"),
            "see this", "<a href=\"javascript:alert(1)\">see this</a>");
        await ann.TypeAsync(" and more.");
        await ann.WaitPersistedAsync();
        Assert.Contains("link", await ann.NoticeAsync());
        Assert.Contains("was kept", await ann.NoticeAsync());

        await ann.Context.SetOfflineAsync(false);
        var text = await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(30));
        Assert.Equal("Agenda\nFirst paragraph typed offline.\nSecond paragraph, see this and more.\n", text);
        Assert.DoesNotContain("link", await ann.ContentsJsonAsync());
        Assert.DoesNotContain("link", await bob.ContentsJsonAsync());
    }

    [Theory]
    [InlineData(200_000)]
    [InlineData(1_000_000)]
    public async Task A_paste_larger_than_one_op_arrives_whole_and_converges_in_a_second_browser(int length)
    {
        var ann = await OpenAsync("ann");
        var bob = await OpenAsync("bob");
        await ann.TypeAtAsync(0, "before ");
        await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(20));
        // Lines of 1,000 characters, each numbered, so that a lost or doubled part shows.
        var pasted = string.Concat(Enumerable.Range(0, length / 1000).Select(i => $"{i:D6}{new string('x', 993)}\n"));

        await ann.PasteAtAsync(7, pasted);
        await ann.TypeAsync("after");

        var text = await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(120));
        Assert.Equal(length + "before after\n".Length, text.Length);
        Assert.Equal("before " + pasted + "after\n", text);
        Assert.Equal("", await ann.NoticeAsync());
        Assert.True(await ann.SentOpsAsync() >= length / 100_000, "the paste went out as one op per 100,000 characters");
    }
}

/// A server whose op limit is smaller than the client's: the refusal path in a real browser.
public sealed class RefusedEditTests : E2ETest
{
    protected override IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>
    {
        ["AkkaCollab__Node__Document__Validation__MaxInsertLength"] = "50",
    };

    [Fact]
    public async Task A_refused_edit_loses_nothing_else_the_caret_stays_and_the_page_says_what_was_removed()
    {
        var ann = await OpenAsync("ann");
        var bob = await OpenAsync("bob");
        await ann.TypeAtAsync(0, "abc");
        await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(20));

        var sent = await ann.SentOpsAsync();
        await ann.PasteAtAsync(3, new string('P', 80));
        await ann.Page.WaitForFunctionAsync("n => window.__sentOps > n", sent);
        await ann.TypeAsync("xyz");

        await ann.WaitStatusAsync("refused");
        Assert.Contains("80 characters", await ann.NoticeAsync());
        Assert.Contains("larger than the server accepts", await ann.NoticeAsync());
        Assert.DoesNotContain("too_large", await ann.NoticeAsync());
        Assert.NotEqual("All changes saved", await ann.StatusTextAsync());
        await ann.Page.WaitForFunctionAsync("() => window.__akkacollab.quill.getText() === 'abcxyz\\n'");
        Assert.Equal(6, await ann.CaretAsync());
        await ann.TypeAsync("!");

        await ann.Page.ClickAsync("#notice-dismiss");
        Assert.Equal("abcxyz!\n", await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(20)));
    }
}
