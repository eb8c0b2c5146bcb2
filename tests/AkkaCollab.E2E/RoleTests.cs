using System.Net.Http.Json;
using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

/// What each kind of user sees: a viewer, a user without access, and ids that are unknown or malformed.
public sealed class RoleTests : E2ETest
{
    [Fact]
    public async Task A_viewer_cannot_type_is_never_locked_out_and_gets_editing_when_access_is_granted()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var annToken = await DevSignInAsync(http, "ann");
        RestToken = annToken;
        await ChangeAccessAsync(http, annToken, HttpMethod.Put, "bob", JsonContent.Create(new { role = "viewer" }));
        await RestrictAsync(http, annToken);
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "owner text");
        await ann.WaitStatusAsync("saved");

        var bob = await OpenAsync("bob", editable: false);
        await bob.Page.WaitForFunctionAsync("() => window.__akkacollab.quill.getText() === 'owner text\\n'");
        Assert.True(await bob.Page.IsVisibleAsync("#view-only"));
        Assert.Equal(0, await bob.Page.Locator(".ql-toolbar").CountAsync());
        await bob.Page.ClickAsync("#editor");
        await bob.TypeAsync("zzz");
        Assert.Equal("owner text\n", await bob.TextAsync());
        Assert.Equal(0, await bob.SentOpsAsync());

        await bob.Page.ReloadAsync();
        await bob.Page.WaitForFunctionAsync("() => window.__akkacollab?.client.loaded === true");
        await bob.WaitStatusAsync("saved");
        Assert.Equal(0, await bob.SentOpsAsync());
        Assert.Equal("owner text\n", await RestTextAsync());

        await ChangeAccessAsync(http, annToken, HttpMethod.Put, "bob", JsonContent.Create(new { role = "editor" }));
        await bob.WaitLoadedAsync(); // the open tab learns it may edit, without a reload
        Assert.False(await bob.Page.IsVisibleAsync("#view-only"));
        await bob.TypeAtAsync(0, "bob: ");
        Assert.Equal("bob: owner text\n", await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Unknown_forbidden_and_malformed_document_ids_show_their_own_pages()
    {
        var cat = await NewPageAsync("cat");
        await Browser.SignInAtAsync(cat, $"#/d/{Doc}");
        Assert.Equal("No such document", await cat.Page.InnerTextAsync("#doc-problem h2"));

        await cat.Page.GotoAsync("/#/d/not%20a%20valid%20id!");
        await cat.Page.WaitForFunctionAsync("() => document.querySelector('#doc-problem h2')?.innerText === 'This link is not valid'");

        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var annToken = await DevSignInAsync(http, "ann");
        await ChangeAccessAsync(http, annToken, HttpMethod.Put, "bob", JsonContent.Create(new { role = "viewer" }));
        await RestrictAsync(http, annToken);
        await cat.Page.GotoAsync($"/#/d/{Doc}?new");
        await cat.Page.WaitForFunctionAsync("() => document.querySelector('#doc-problem h2')?.innerText === \"You don't have access to this document\"");

        // The explicit action creates an unknown document.
        var other = $"{Doc}-new";
        await cat.Page.GotoAsync($"/#/d/{other}");
        await cat.Page.WaitForFunctionAsync("() => document.querySelector('#doc-problem h2')?.innerText === 'No such document'");
        await cat.Page.ClickAsync("#doc-problem-action");
        await cat.WaitLoadedAsync();
    }
}
