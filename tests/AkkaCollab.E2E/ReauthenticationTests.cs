using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

/// Access tokens of 15 seconds, so that a test sees several expiries: the page must move its
/// socket to each refreshed token (`auth {token}`) or the server closes it with 4401.
public sealed class ReauthenticationTests : E2ETest
{
    protected override IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>
    {
        ["AkkaCollab__Security__AccessTokenLifetime"] = "00:00:15",
        ["AkkaCollab__Security__ClockSkew"] = "00:00:00",
    };

    [Fact]
    public async Task A_page_keeps_its_socket_past_several_token_expiries_by_reauthenticating_on_it()
    {
        var ann = await OpenAsync("ann");
        await ann.TypeAtAsync(0, "before");
        await ann.WaitStatusAsync("saved");
        await Task.Delay(TimeSpan.FromSeconds(35));
        await ann.TypeAtLineEndAsync(0, " and after two expiries");
        await ann.WaitStatusAsync("saved");

        Assert.Equal("before and after two expiries\n", await RestTextAsync());
        Assert.Equal(["jwt"], await ann.HelloTokensAsync()); // one socket all along: no 4401, no reconnect
    }
}
