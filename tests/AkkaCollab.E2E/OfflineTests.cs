using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

public sealed class OfflineTests : E2ETest
{
    [Fact]
    public async Task Edits_made_offline_survive_a_reload_and_reach_everyone_when_back_online()
    {
        var ann = await OpenAsync("ann");
        var bob = await OpenAsync("bob");
        await ann.TypeAtAsync(0, "online");
        await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(20));
        // The offline shell must be in place before the network goes.
        await ann.Page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

        await ann.Context.SetOfflineAsync(true);
        await ann.WaitStatusAsync("offline");
        await ann.TypeAtLineEndAsync(0, " then offline");
        await ann.WaitPersistedAsync();
        Assert.Equal("Offline — edits kept", await ann.StatusTextAsync());

        await ann.Page.ReloadAsync();
        await ann.WaitLoadedAsync();
        Assert.Equal("online then offline\n", await ann.TextAsync());
        Assert.Equal("offline", await ann.StatusAsync());
        await ann.TypeAtLineEndAsync(0, " and after reload");
        await ann.WaitPersistedAsync();
        Assert.Equal("online\n", await RestTextAsync());

        await ann.Context.SetOfflineAsync(false);
        Assert.Equal("online then offline and after reload\n", await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Edits_left_unsent_by_a_closed_tab_are_sent_by_the_next_tab_that_opens_the_document()
    {
        var ann = await OpenAsync("ann");
        var bob = await OpenAsync("bob");
        await ann.TypeAtAsync(0, "shared");
        await WaitConvergedAsync([ann, bob], TimeSpan.FromSeconds(20));

        await ann.Context.SetOfflineAsync(true);
        await ann.WaitStatusAsync("offline");
        await ann.TypeAtLineEndAsync(0, " and unsent");
        await ann.WaitPersistedAsync();
        await ann.Page.CloseAsync();
        await ann.Context.SetOfflineAsync(false);
        Assert.Equal("shared\n", await RestTextAsync());

        // A new tab has a new client id; it takes over the closed tab's id and its pending op.
        var annAgain = await Browser.OpenTabAsync(ann);
        Assert.Equal("shared and unsent\n", await WaitConvergedAsync([annAgain, bob], TimeSpan.FromSeconds(30)));
        await annAgain.ScreenshotAsync("OfflineTests-new-tab");
    }
}
