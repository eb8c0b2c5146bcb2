using Akka.Actor;
using Akka.Cluster;
using AkkaCollab.Node.Documents;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaCollab.Web.Tests.Gateway;

/// Two nodes in one cluster: A hosts the documents (web+doc), B only sockets (web). Clients on
/// different nodes edit one document; B reaches the authority through its shard-region proxy and
/// fans out through its own local feed.
public sealed class MultiNodeTests
{
    [Fact]
    public async Task Clients_on_different_nodes_see_each_others_ops_and_survive_the_authority_moving()
    {
        await using var a = await CollabServer.Start();
        var seed = Cluster.Get(a.App.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();
        await using var b = await CollabServer.Start(new Dictionary<string, string?>
        {
            ["AkkaCollab:Node:Roles:0"] = "web",
            ["AkkaCollab:Node:SeedNodes:0"] = seed,
        });
        var doc = "multi-" + Guid.NewGuid().ToString("N")[..8];
        var clients = new List<OtClient>
        {
            await OtClient.Start(a, doc, "on-a"),
            await OtClient.Start(b, doc, "on-b-1", user: "bob"),
            await OtClient.Start(b, doc, "on-b-2", user: "carol"),
        };

        await EditAndConverge(clients, a, doc, seed: 1);
        Assert.Equal(1, b.Metrics.OpenFeeds);

        // The authority stops (as on hand-off or passivation); the next message starts a new
        // incarnation from the journal, and B's feed resubscribes from its last revision.
        var authority = await a.App.Services.GetRequiredService<ActorSystem>()
            .ActorSelection($"/system/sharding/document/*/{doc}").ResolveOne(TimeSpan.FromSeconds(10));
        authority.Tell(DocumentEntity.HandOffStop.Instance);
        await Task.Delay(500);
        await EditAndConverge(clients, a, doc, seed: 2);

        Assert.Equal((await a.Document(doc)).Content, (await b.Document(doc)).Content);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task EditAndConverge(List<OtClient> clients, CollabServer server, string doc, int seed)
    {
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var rng = new Random(seed * 100 + i);
            for (var e = 0; e < 25; e++)
            {
                await client.Process(TimeSpan.FromMilliseconds(rng.Next(0, 30)));
                await client.Edit(client.RandomEdit(rng));
            }
            await client.ProcessUntil(() => client.Synchronized, TimeSpan.FromSeconds(60));
        })));
        var (revision, content) = await server.Document(doc);
        foreach (var client in clients)
        {
            await client.ProcessUntil(() => client.Rev == revision, TimeSpan.FromSeconds(30));
            Assert.Empty(client.Violations);
            Assert.Empty(client.Errors);
            Assert.Equal(content, client.Content);
        }
    }
}
