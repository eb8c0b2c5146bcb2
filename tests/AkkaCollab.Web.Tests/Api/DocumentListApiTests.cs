using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Admin;
using AkkaCollab.Web.Tests.Infrastructure;
using AkkaCollab.Web.Tests.Security;

namespace AkkaCollab.Web.Tests.Api;

/// The documents' lists (GET /api/docs), delete and restore, with real tokens, a real node and
/// its index: what each user sees after sharing, paging, search, the trash, and bad input. The
/// index follows the authorities a moment after a change is durable, so the tests wait for it.
public sealed class DocumentListApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _alice = SecureServer.Token("alice");
    private readonly string _bob = SecureServer.Token("bob");
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await SecureServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed record Row(string Id, string? Title, string? Owner, string Role, long? LastEditedAt, string? LastEditedBy, long? DeletedAt);

    private sealed record Page(List<Row> Items, string? Next);

    private async Task<Page> List(string token, string query)
    {
        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, "/api/docs?" + query, token));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Page>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    private async Task<List<string>> Ids(string token, string query) => [.. (await List(token, query)).Items.Select(r => r.Id)];

    // Until the list shows what the authorities last decided.
    private async Task UntilListed(string token, string query, Func<List<Row>, bool> holds, string what) =>
        await AdminNodes.Until(async () => holds((await List(token, query)).Items), what, Wait);

    private async Task Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body = null) =>
        _server.Http.SendAsync(SecureServer.Request(method, path, token, body is null ? null : JsonContent.Create(body)));

    // alice creates a document: she claims it (owner) and names it.
    private async Task<string> Create(string title)
    {
        var doc = SecureServer.NewDoc("list");
        await Ok(SecureServer.Share(_server, _alice, doc, "alice", "owner"));
        await Ok(Send(HttpMethod.Put, $"/api/docs/{doc}/title", _alice, new { title }));
        return doc;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task A_shared_document_is_in_the_owners_list_and_in_the_list_shared_with_the_editor_with_who_edited_it_last()
    {
        var doc = await Create("Quarterly plan");
        await Ok(SecureServer.Share(_server, _alice, doc, "bob", "editor"));
        await using var bob = await SecureServer.Connect(_server, _bob);
        var rev = await SecureServer.Subscribe(bob, doc);
        await bob.Send(new ClientMessages.Submit(doc, "bob-tab", 1, rev, Delta.Empty.Insert("hello")));
        await Next<ServerMessages.Ack>(bob);

        await UntilListed(_bob, "list=shared", rows => rows.Any(r => r.Id == doc && r.LastEditedBy == "bob"), "bob's edit in his shared list");

        var shared = Assert.Single((await List(_bob, "list=shared")).Items);
        Assert.Equal((doc, "Quarterly plan", "alice", "editor", "bob"), (shared.Id, shared.Title, shared.Owner, shared.Role, shared.LastEditedBy));
        Assert.NotNull(shared.LastEditedAt);
        var mine = Assert.Single((await List(_alice, "list=mine")).Items);
        Assert.Equal((doc, "alice", "owner"), (mine.Id, mine.Owner, mine.Role));
        Assert.Empty((await List(_bob, "list=mine")).Items);
        Assert.Empty((await List(_alice, "list=shared")).Items);
    }

    [Fact]
    public async Task The_list_is_sorted_by_last_edit_newest_first_and_paged_with_the_cursor_it_gives()
    {
        var docs = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            docs.Add(await Create($"Doc {i}"));
        }
        // Editing the oldest again makes it the newest.
        await Ok(Send(HttpMethod.Put, $"/api/docs/{docs[0]}/title", _alice, new { title = "Doc 0, renamed" }));
        await UntilListed(_alice, "list=mine&limit=100", rows => rows.FirstOrDefault()?.Title == "Doc 0, renamed" && rows.Count == 5, "all five, the renamed first");

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await List(_alice, "list=mine&limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(r => r.Id));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal([docs[0], docs[4], docs[3], docs[2], docs[1]], seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("日本語の文書", "日本語")]
    [InlineData("Réunion d'ÉQUIPE", "équipe")]
    [InlineData("Budget 2027", "BUDGET")]
    public async Task Search_finds_a_part_of_the_title_in_any_case(string title, string search)
    {
        var match = await Create(title);
        var other = await Create("Something else");
        await UntilListed(_alice, "list=mine", rows => rows.Count == 2 && rows.All(r => r.Title is not null), "both named");

        Assert.Equal([match], await Ids(_alice, "list=mine&q=" + Uri.EscapeDataString(search)));
        Assert.Equal([other], await Ids(_alice, "list=mine&q=" + Uri.EscapeDataString("ELSE")));
        Assert.Empty(await Ids(_alice, "list=mine&q=" + Uri.EscapeDataString("nowhere")));
    }

    [Fact]
    public async Task Only_the_owner_deletes_the_document_leaves_every_list_for_the_trash_and_restore_brings_it_back()
    {
        var doc = await Create("To be deleted");
        await Ok(SecureServer.Share(_server, _alice, doc, "bob", "editor"));
        await UntilListed(_bob, "list=shared", rows => rows.Any(r => r.Id == doc), "shared with bob");

        var byBob = await Send(HttpMethod.Delete, $"/api/docs/{doc}", _bob);
        Assert.Equal(HttpStatusCode.Forbidden, byBob.StatusCode);
        var deleted = await Send(HttpMethod.Delete, $"/api/docs/{doc}", _alice);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await UntilListed(_alice, "list=trash", rows => rows.Any(r => r.Id == doc), "in alice's trash");

        Assert.Empty(await Ids(_alice, "list=mine"));
        Assert.Empty(await Ids(_bob, "list=shared"));
        Assert.Empty(await Ids(_bob, "list=trash"));
        Assert.NotNull(Assert.Single((await List(_alice, "list=trash")).Items).DeletedAt);
        var read = await Send(HttpMethod.Get, $"/api/docs/{doc}", _bob);
        Assert.Equal((HttpStatusCode.Gone, "deleted"), (read.StatusCode, (await Problem(read)).GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.Gone, (await Send(HttpMethod.Get, $"/api/docs/{doc}/exists", _alice)).StatusCode);
        await using var socket = await SecureServer.Connect(_server, _bob);
        await socket.Send(new ClientMessages.Subscribe(doc, null));
        Assert.Equal(ErrorCode.Deleted, Assert.IsType<ServerMessages.Error>(await socket.ReceiveSkippingNoise(Wait)).Code);

        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, $"/api/docs/{doc}/restore", _bob)).StatusCode);
        await Ok(Send(HttpMethod.Post, $"/api/docs/{doc}/restore", _alice));
        await UntilListed(_bob, "list=shared", rows => rows.Any(r => r.Id == doc), "shared with bob again");

        Assert.Equal([doc], await Ids(_alice, "list=mine"));
        Assert.Empty(await Ids(_alice, "list=trash"));
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, $"/api/docs/{doc}", _bob)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_document_ends_the_subscriptions_of_its_open_sockets_with_deleted()
    {
        var doc = await Create("Open while deleted");
        await Ok(SecureServer.Share(_server, _alice, doc, "bob", "editor"));
        await using var bob = await SecureServer.Connect(_server, _bob);
        var rev = await SecureServer.Subscribe(bob, doc);

        await Ok(Send(HttpMethod.Delete, $"/api/docs/{doc}", _alice));

        var error = await Next<ServerMessages.Error>(bob);
        Assert.Equal((ErrorCode.Deleted, doc), (error.Code, error.Doc));
        await bob.Send(new ClientMessages.Submit(doc, "bob-tab", 1, rev, Delta.Empty.Insert("too late")));
        Assert.Equal(ErrorCode.NotSubscribed, (await Next<ServerMessages.Error>(bob)).Code);
    }

    // The next frame of type T, past the title and presence frames of a subscription.
    private static async Task<T> Next<T>(WireClient client)
        where T : ServerMessage
    {
        while (true)
        {
            if (await client.ReceiveSkippingNoise(Wait) is T frame)
            {
                return frame;
            }
        }
    }

    [Theory]
    [InlineData("list=everything")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=ten")]
    [InlineData("limit=-1")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=MTIzOmJhZCBpZCE")] // "123:bad id!": decodes, but the id is not one
    public async Task Bad_list_input_is_a_400_naming_the_parameter(string query)
    {
        var response = await Send(HttpMethod.Get, "/api/docs?" + query, _alice);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem(response);
        Assert.Equal("bad_message", problem.GetProperty("code").GetString());
        Assert.StartsWith(query.Split('=')[0] + ":", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_search_longer_than_a_title_can_be_is_a_400_and_deleting_a_bad_id_changes_nothing()
    {
        var doc = await Create("Still here");

        var search = await Send(HttpMethod.Get, "/api/docs?q=" + new string('x', 201), _alice);
        var badId = await Send(HttpMethod.Delete, "/api/docs/bad%20id!", _alice);

        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        await UntilListed(_alice, "list=mine", rows => rows.Any(r => r.Id == doc), "still listed");
        Assert.Empty(await Ids(_alice, "list=trash"));
    }

    [Fact]
    public async Task The_lists_need_a_token()
    {
        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, "/api/docs?list=mine", token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
