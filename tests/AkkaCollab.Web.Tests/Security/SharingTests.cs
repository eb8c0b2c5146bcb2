using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Security;

/// Sharing through the REST API, decided by the document's authority: who has access, general
/// access ("anyone signed in with the link"), concurrent shares, the last owner, and changes
/// applied live to open sockets.
public sealed class SharingTests : IAsyncLifetime
{
    private readonly string _alice = SecureServer.Token("alice");
    private readonly string _bob = SecureServer.Token("bob");
    private readonly string _carol = SecureServer.Token("carol");
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await SecureServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> AccessList(string doc, string token)
    {
        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, $"/api/docs/{doc}/access", token));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    // The status, and on a surprise the body too (it says which rule or timeout answered).
    private static async Task Expect(HttpStatusCode expected, Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}, not {expected}: {await response.Content.ReadAsStringAsync()}");
    }

    private static List<(string User, string Role)> Members(JsonElement list) =>
        [.. list.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("user").GetString()!, m.GetProperty("role").GetString()!))];

    [Fact]
    public async Task The_first_share_makes_the_sharer_owner_and_people_using_the_link_keep_editing()
    {
        var doc = SecureServer.NewDoc("first-share");
        await using var carol = await SecureServer.Connect(_server, _carol);
        var rev = await SecureServer.Subscribe(carol, doc);

        await Expect(HttpStatusCode.OK, SecureServer.Share(_server, _alice, doc, "bob", "viewer"));

        var list = await AccessList(doc, _carol);
        Assert.Equal("editor", list.GetProperty("general").GetString());
        Assert.Equal([("alice", "owner"), ("bob", "viewer")], Members(list));
        // carol, who only had the link, was not silently locked out: her edit is acked.
        await carol.Send(new ClientMessages.Submit(doc, "carol-tab", 1, rev, Delta.Empty.Insert("still here")));
        Assert.IsType<ServerMessages.Ack>(await carol.ReceiveSkippingNoise());
    }

    [Fact]
    public async Task Restricting_general_access_closes_the_sockets_of_people_who_only_had_the_link_at_once()
    {
        var doc = SecureServer.NewDoc("restrict");
        await Expect(HttpStatusCode.OK, SecureServer.Share(_server, _alice, doc, "bob", "editor"));
        await using var carol = await SecureServer.Connect(_server, _carol);
        await using var bob = await SecureServer.Connect(_server, _bob);
        await SecureServer.Subscribe(carol, doc);
        await SecureServer.Subscribe(bob, doc);

        await Expect(HttpStatusCode.OK, SecureServer.SetGeneral(_server, _alice, doc, "restricted"));

        var error = Assert.IsType<ServerMessages.Error>(await carol.ReceiveSkippingNoise(TimeSpan.FromSeconds(5)));
        Assert.Equal((ErrorCode.Forbidden, doc), (error.Code, error.Doc));
        Assert.Equal((WebSocketCloseStatus)CloseCodes.Forbidden, await carol.ReadUntilClosed(TimeSpan.FromSeconds(5)));
        // bob is on the list: his socket stays, and carol cannot read over REST either.
        Assert.Equal(WebSocketState.Open, bob.State);
        Assert.Equal(HttpStatusCode.Forbidden, (await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, $"/api/docs/{doc}", _carol))).StatusCode);
        Assert.Equal("restricted", (await AccessList(doc, _bob)).GetProperty("general").GetString());
    }

    [Fact]
    public async Task General_access_viewer_lets_people_with_the_link_read_but_their_edits_are_refused()
    {
        var doc = SecureServer.NewDoc("view-link");
        await Expect(HttpStatusCode.OK, SecureServer.SetGeneral(_server, _alice, doc, "viewer"));
        await using var carol = await SecureServer.Connect(_server, _carol);
        var rev = await SecureServer.Subscribe(carol, doc);

        await carol.Send(new ClientMessages.Submit(doc, "carol-tab", 1, rev, Delta.Empty.Insert("x")));

        var error = Assert.IsType<ServerMessages.Error>(await carol.ReceiveSkippingNoise());
        Assert.Equal(ErrorCode.Forbidden, error.Code);
        Assert.Equal(WebSocketState.Open, carol.State);
        // Setting general access claimed the unowned document for alice.
        Assert.Equal([("alice", "owner")], Members(await AccessList(doc, _carol)));
    }

    [Fact]
    public async Task Two_people_sharing_an_unowned_document_at_once_do_not_both_become_owner()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var doc = SecureServer.NewDoc("race");
            var answers = await Task.WhenAll(
                SecureServer.Share(_server, _alice, doc, "carol", "editor"),
                SecureServer.Share(_server, _bob, doc, "dave", "editor"));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Forbidden], answers.Select(a => a.StatusCode).Order());
            var refused = answers.Single(a => a.StatusCode == HttpStatusCode.Forbidden);
            Assert.Contains("is not an owner of", await refused.Content.ReadAsStringAsync());
            var owners = Members(await AccessList(doc, _alice)).Where(m => m.Role == "owner").ToList();
            Assert.Single(owners);
        }
    }

    [Fact]
    public async Task The_last_owner_cannot_be_removed_and_nothing_changes()
    {
        var doc = SecureServer.NewDoc("last-owner");
        await Expect(HttpStatusCode.OK, SecureServer.Share(_server, _alice, doc, "bob", "editor"));

        var removed = await SecureServer.Unshare(_server, _alice, doc, "alice");

        Assert.Equal(HttpStatusCode.Forbidden, removed.StatusCode);
        Assert.Contains("alice is the only owner of", await removed.Content.ReadAsStringAsync());
        Assert.Equal([("alice", "owner"), ("bob", "editor")], Members(await AccessList(doc, _bob)));
    }

    [Fact]
    public async Task A_bad_general_access_value_is_refused_naming_the_accepted_ones_and_nothing_changes()
    {
        var doc = SecureServer.NewDoc("bad-general");
        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Put, $"/api/docs/{doc}/access", _alice, JsonContent.Create(new { general = "public" })));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("general: must be restricted, viewer or editor, got 'public'", await response.Content.ReadAsStringAsync());
        var list = await AccessList(doc, _alice);
        Assert.Equal("editor", list.GetProperty("general").GetString());
        Assert.Empty(Members(list));
    }

    [Fact]
    public async Task Who_has_access_is_not_shown_to_someone_who_may_not_read_the_document()
    {
        var doc = SecureServer.NewDoc("hidden-list");
        await SecureServer.SharePrivately(_server, _alice, doc, "bob", "viewer");

        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, $"/api/docs/{doc}/access", _carol));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
