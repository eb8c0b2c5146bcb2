using System.Text.Json;
using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

/// The version history panel: sessions by author, an old version shown with its changes marked,
/// and "Restore this version" as one new edit that every open tab converges to.
public sealed class HistoryTests : E2ETest
{
    [Fact]
    public async Task Restoring_an_old_version_converges_in_every_tab_and_is_one_new_revision_in_the_history()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "first version");
        await ann.WaitStatusAsync("saved");
        var bob = await OpenAsync("bob");
        await bob.TypeAtLineEndAsync(0, ", then bob's part");
        Assert.Equal("first version, then bob's part\n", await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(30)));
        var head = await HeadAsync();

        await ann.Page.ClickAsync("#history-button");
        // Newest first: bob's session, then ann's, which ends where bob's begins.
        await ann.Page.WaitForSelectorAsync("#history-sessions .history-session");
        var sessions = await SessionsAsync(ann);
        Assert.Equal(["bob", "ann"], sessions.Select(s => s.User));
        Assert.Equal(head, sessions[0].To);
        Assert.Equal(sessions[0].From - 1, sessions[1].To);

        await ann.Page.ClickAsync("#history-sessions li:last-child .history-session");
        await ann.Page.WaitForFunctionAsync("() => document.querySelector('#history-preview .ql-editor')?.innerText.trim() === 'first version'");
        // Ann's session inserted all of its text: it is marked as inserted.
        Assert.True(await ann.Page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('#history-preview .ql-editor span')].some(s => s.textContent.includes('first') && s.style.backgroundColor !== '')"),
            "the session's insertions are not marked in the preview");
        await ann.Page.ClickAsync("#history-restore");

        Assert.Equal("first version\n", await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(30)));
        Assert.Equal(head + 1, await HeadAsync());
        await ann.Page.ClickAsync("#history-close");
        await ann.Page.ClickAsync("#history-button");
        await ann.Page.WaitForFunctionAsync("h => document.querySelector('#history-sessions .history-session')?.dataset.to === String(h)", head + 1);
        var after = await SessionsAsync(ann);
        Assert.Equal(("ann", head + 1, head + 1), (after[0].User, after[0].From, after[0].To));
    }

    [Fact]
    public async Task Any_revision_of_a_session_can_be_shown_and_restored()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "one");
        await ann.WaitStatusAsync("saved");
        await ann.TypeAtLineEndAsync(0, " two");
        await ann.WaitStatusAsync("saved");
        await ann.Page.ClickAsync("#history-button");
        await ann.Page.ClickAsync("#history-sessions .history-session");
        await ann.Page.WaitForFunctionAsync("() => document.querySelector('#history-preview .ql-editor')?.innerText.trim() === 'one two'");
        var session = Assert.Single(await SessionsAsync(ann));
        Assert.True(session.To > session.From, $"one session of several revisions expected, got {session.From}-{session.To}");

        // The slider steps to the session's first revision: the document as the server had it then.
        var first = await TextAtAsync(session.From);
        Assert.NotEqual("one two", first);
        await ann.Page.FillAsync("#history-revision", session.From.ToString());
        await ann.Page.WaitForFunctionAsync("t => document.querySelector('#history-preview .ql-editor')?.innerText.trim() === t", first);
        Assert.Contains($"revision {session.From}", await ann.Page.InnerTextAsync("#history-caption"));

        await ann.Page.ClickAsync("#history-restore");
        await ann.Page.WaitForFunctionAsync("t => window.__akkacollab.quill.getText().trim() === t", first);
        await ann.WaitStatusAsync("saved");
        Assert.Equal(first, (await TextAtAsync(await HeadAsync())));
    }

    [Fact]
    public async Task A_viewer_can_read_the_history_but_not_restore()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "owner's words");
        await ann.WaitStatusAsync("saved");
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var token = await DevSignInAsync(http, "ann");
        await ChangeAccessAsync(http, token, HttpMethod.Put, "vic", System.Net.Http.Json.JsonContent.Create(new { role = "viewer" }));
        await RestrictAsync(http, token);
        var vic = await OpenAsync("vic", editable: false);

        await vic.Page.ClickAsync("#history-button");
        await vic.Page.ClickAsync("#history-sessions .history-session");
        await vic.Page.WaitForFunctionAsync("() => document.querySelector('#history-preview .ql-editor')?.innerText.trim() === \"owner's words\"");

        Assert.True(await vic.Page.Locator("#history-restore").IsDisabledAsync(), "a viewer's Restore button is enabled");
        Assert.Equal("Only people who may edit can restore a version.", await vic.Page.GetAttributeAsync("#history-restore", "title"));
    }

    private async Task<long> HeadAsync()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var json = JsonDocument.Parse(await http.GetStringAsync($"api/docs/{Doc}"));
        return json.RootElement.GetProperty("revision").GetInt64();
    }

    // The document's plain text at a revision, from the REST API.
    private async Task<string> TextAtAsync(long revision)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var json = JsonDocument.Parse(await http.GetStringAsync($"api/docs/{Doc}?revision={revision}"));
        var text = string.Concat(json.RootElement.GetProperty("delta").GetProperty("ops").EnumerateArray()
            .Select(op => op.TryGetProperty("insert", out var insert) && insert.ValueKind == JsonValueKind.String ? insert.GetString() : ""));
        return text.Trim();
    }

    private static async Task<List<(string User, long From, long To)>> SessionsAsync(EditorPage page) =>
        [.. (await page.Page.EvaluateAsync<JsonElement>(
                "() => [...document.querySelectorAll('#history-sessions .history-session')].map(b => [b.querySelector('strong').textContent, b.dataset.from, b.dataset.to])"))
            .EnumerateArray().Select(s => (s[0].GetString()!, long.Parse(s[1].GetString()!), long.Parse(s[2].GetString()!)))];
}
