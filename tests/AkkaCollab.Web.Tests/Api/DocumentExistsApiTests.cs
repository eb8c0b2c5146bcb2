using System.Net;
using System.Text.Json;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Api;

[Collection(ServerCollection.Name)]
public sealed class DocumentExistsApiTests(ServerFixture fixture)
{
    private CollabServer Server => fixture.Server;

    private async Task<JsonElement> Exists(string doc)
    {
        using var json = JsonDocument.Parse(await Server.Http.GetStringAsync($"/api/docs/{doc}/exists"));
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task An_unknown_document_does_not_exist_and_asking_does_not_create_it()
    {
        var doc = "exists-" + Guid.NewGuid().ToString("N")[..8];

        var first = await Exists(doc);
        var again = await Exists(doc);

        Assert.False(first.GetProperty("exists").GetBoolean());
        // Anyone signed in may edit a document nobody has restricted.
        Assert.Equal("editor", first.GetProperty("role").GetString());
        Assert.Equal(0, first.GetProperty("revision").GetInt64());
        Assert.False(again.GetProperty("exists").GetBoolean());
    }

    [Fact]
    public async Task A_document_with_an_op_exists_at_its_revision()
    {
        var doc = "exists-" + Guid.NewGuid().ToString("N")[..8];
        var client = await OtClient.Start(Server, doc, "writer");
        await client.Edit(Delta.Empty.Insert("hi"));
        await client.ProcessUntil(() => client.Synchronized, TimeSpan.FromSeconds(10));
        await client.DisposeAsync();

        var answer = await Exists(doc);

        Assert.True(answer.GetProperty("exists").GetBoolean());
        Assert.Equal(1, answer.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task A_malformed_id_is_a_bad_message()
    {
        using var response = await Server.Http.GetAsync("/api/docs/not%20valid!/exists");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bad_message", await response.Content.ReadAsStringAsync());
    }
}
