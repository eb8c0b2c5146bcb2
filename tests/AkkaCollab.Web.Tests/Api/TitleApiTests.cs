using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Security;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Api;

/// Renaming through PUT /api/docs/{id}/title, with real tokens and sockets: every open socket
/// is told, a refused rename changes nothing, and the title is what later readers see.
public sealed class TitleApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _alice = SecureServer.Token("alice");
    private readonly string _bob = SecureServer.Token("bob");
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await SecureServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> Rename(string doc, string token, object body) =>
        _server.Http.SendAsync(SecureServer.Request(HttpMethod.Put, $"/api/docs/{doc}/title", token, JsonContent.Create(body)));

    private async Task<JsonElement> Exists(string doc, string token)
    {
        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, $"/api/docs/{doc}/exists", token));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static async Task<ServerMessages.Title> NextTitle(WireClient client)
    {
        while (true)
        {
            if (await client.ReceiveSkippingNoise(Wait) is ServerMessages.Title title)
            {
                return title;
            }
        }
    }

    [Fact]
    public async Task A_rename_reaches_every_open_socket_and_a_socket_opened_later_gets_the_title_after_subscribed()
    {
        var doc = SecureServer.NewDoc("title");
        await using var bob = await SecureServer.Connect(_server, _bob);
        await SecureServer.Subscribe(bob, doc);

        var response = await Rename(doc, _alice, new { title = "  日本語の文書 " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("日本語の文書", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(new ServerMessages.Title(doc, "日本語の文書"), await NextTitle(bob));

        await using var later = await SecureServer.Connect(_server, _alice);
        await SecureServer.Subscribe(later, doc);
        Assert.Equal("日本語の文書", (await NextTitle(later)).Text);
        var exists = await Exists(doc, _alice);
        Assert.True(exists.GetProperty("exists").GetBoolean(), "a named document exists, even before its first edit");
        Assert.Equal("日本語の文書", exists.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("", "title: must not be empty")]
    [InlineData("two\nlines", "title: must be one line, without control characters")]
    public async Task A_title_that_cannot_be_kept_is_answered_400_with_the_reason_and_the_old_title_stays(string bad, string reason)
    {
        var doc = SecureServer.NewDoc("title-bad");
        Assert.Equal(HttpStatusCode.OK, (await Rename(doc, _alice, new { title = "Kept" })).StatusCode);

        var response = await Rename(doc, _alice, new { title = bad });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        Assert.Equal("Kept", (await Exists(doc, _alice)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_title_of_201_characters_is_refused_and_one_of_200_is_kept()
    {
        var doc = SecureServer.NewDoc("title-long");
        var longest = string.Concat(Enumerable.Repeat("é", 200));

        var refused = await Rename(doc, _alice, new { title = longest + "x" });
        var kept = await Rename(doc, _alice, new { title = longest });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("at most 200 characters, got 201", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task A_viewer_may_not_rename_and_nobody_is_told_anything()
    {
        var doc = SecureServer.NewDoc("title-viewer");
        await SecureServer.SharePrivately(_server, _alice, doc, "bob", "viewer");
        Assert.Equal(HttpStatusCode.OK, (await Rename(doc, _alice, new { title = "Owner's" })).StatusCode);

        var response = await Rename(doc, _bob, new { title = "Bob's" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Owner's", (await Exists(doc, _alice)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Exports_are_named_after_the_title()
    {
        var doc = SecureServer.NewDoc("title-export");
        Assert.Equal(HttpStatusCode.OK, (await Rename(doc, _alice, new { title = "Q3 plan: draft/v2" })).StatusCode);

        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, $"/api/docs/{doc}/export?format=html", _alice));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // '/' and ':' are not allowed in file names; the title inside the HTML is exact.
        Assert.Equal("Q3 plan_ draft_v2.html", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Contains("<title>Q3 plan: draft/v2</title>", await response.Content.ReadAsStringAsync());
    }
}
