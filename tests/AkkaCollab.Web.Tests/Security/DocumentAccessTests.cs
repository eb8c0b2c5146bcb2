using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Security;

/// Owner, editor and viewer, from the document's access list: every subscribe, submit and REST
/// read is checked; only owners share; the admin endpoints need the admin role.
public sealed class DocumentAccessTests : IAsyncLifetime
{
    private readonly string _alice = SecureServer.Token("alice");
    private readonly string _bob = SecureServer.Token("bob");
    private readonly string _mallory = SecureServer.Token("mallory");
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await SecureServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Access_to_another_users_document_is_denied_on_the_socket_and_over_REST()
    {
        var doc = SecureServer.NewDoc("private");
        await SecureServer.SharePrivately(_server, _alice, doc, "bob", "editor");

        await using var mallory = await SecureServer.Connect(_server, _mallory);
        await mallory.Send(new ClientMessages.Subscribe(doc, null));
        var error = Assert.IsType<ServerMessages.Error>(await mallory.ReceiveSkippingNoise());
        Assert.Equal(ErrorCode.Forbidden, error.Code);
        Assert.Equal(doc, error.Doc);

        foreach (var path in new[] { $"/api/docs/{doc}", $"/api/docs/{doc}/ops", $"/api/docs/{doc}/export?format=html" })
        {
            var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, path, _mallory));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
        }
        var own = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, $"/api/docs/{doc}", _bob));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_viewers_submit_is_rejected_and_the_document_is_unchanged()
    {
        var doc = SecureServer.NewDoc("viewed");
        await SecureServer.SharePrivately(_server, _alice, doc, "bob", "viewer");
        await using var bob = await SecureServer.Connect(_server, _bob);
        var rev = await SecureServer.Subscribe(bob, doc);

        await bob.Send(new ClientMessages.Submit(doc, "bob-tab", 1, rev, Delta.Empty.Insert("defaced")));
        var error = Assert.IsType<ServerMessages.Error>(await bob.ReceiveSkippingNoise());
        Assert.Equal(ErrorCode.Forbidden, error.Code);
        Assert.Equal(1, error.Seq);

        Assert.Equal((rev, Delta.Empty), await Read(doc, _alice));
    }

    [Fact]
    public async Task A_javascript_link_is_rejected_and_the_document_is_unchanged()
    {
        var doc = SecureServer.NewDoc("links");
        await using var alice = await SecureServer.Connect(_server, _alice);
        var rev = await SecureServer.Subscribe(alice, doc);

        var link = Delta.Empty.Insert("click me", AttributeMap.From(("link", "javascript:alert(document.cookie)")));
        await alice.Send(new ClientMessages.Submit(doc, "alice-tab", 1, rev, link));
        var error = Assert.IsType<ServerMessages.Error>(await alice.ReceiveSkippingNoise());
        Assert.Equal(ErrorCode.UnsafeLink, error.Code);

        Assert.Equal((rev, Delta.Empty), await Read(doc, _alice));
    }

    [Fact]
    public async Task Only_an_owner_can_share_and_the_first_share_claims_an_open_document()
    {
        var doc = SecureServer.NewDoc("shared");
        await SecureServer.SharePrivately(_server, _alice, doc, "bob", "editor");

        var byEditor = await SecureServer.Share(_server, _bob, doc, "mallory", "owner");
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Contains("\"code\":\"forbidden\"", await byEditor.Content.ReadAsStringAsync());

        var badRole = await SecureServer.Share(_server, _alice, doc, "carol", "god");
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SecureServer.Unshare(_server, _alice, doc, "bob")).StatusCode);
        var afterUnshare = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, $"/api/docs/{doc}", _bob));
        Assert.Equal(HttpStatusCode.Forbidden, afterUnshare.StatusCode);
    }

    [Fact]
    public async Task Admin_endpoints_require_the_admin_role()
    {
        var doc = SecureServer.NewDoc("admin");
        Assert.Equal(HttpStatusCode.OK, (await SecureServer.Share(_server, _alice, doc, "alice", "owner")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SecureServer.SetGeneral(_server, _alice, doc, "restricted")).StatusCode);
        var path = $"/api/admin/docs/{doc}/access/bob";

        var anonymous = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Put, path, null, JsonContent.Create(new { role = "viewer" })));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var user = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Put, path, _alice, JsonContent.Create(new { role = "viewer" })));
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        var admin = SecureServer.Token("root", roles: ["admin"]);
        var granted = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Put, path, admin, JsonContent.Create(new { role = "viewer" })));
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, $"/api/docs/{doc}", _bob))).StatusCode);
    }

    private async Task<(long Revision, Delta Content)> Read(string doc, string token)
    {
        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, $"/api/docs/{doc}", token));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("revision").GetInt64(), Delta.FromJson(json.RootElement.GetProperty("delta").GetRawText()));
    }
}
