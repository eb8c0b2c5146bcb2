using AkkaCollab.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AkkaCollab.Web.Tests.Gateway;

[Collection(ServerCollection.Name)]
public sealed class ConvergenceTests(ServerFixture fixture, ITestOutputHelper output)
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Many_clients_editing_several_documents_at_once_converge_to_the_rest_content()
    {
        const int documents = 3, clientsPerDocument = 4, editsPerClient = 40;
        var docs = Enumerable.Range(0, documents).Select(d => $"converge-{d}-{Guid.NewGuid():N}"[..24]).ToList();
        var clients = new List<OtClient>();
        foreach (var doc in docs)
        {
            for (var c = 0; c < clientsPerDocument; c++)
            {
                clients.Add(await OtClient.Start(Server, doc, $"{doc}-c{c}", user: $"user{c}"));
            }
        }

        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var rng = new Random(1_000 + i);
            for (var e = 0; e < editsPerClient; e++)
            {
                await client.Process(TimeSpan.FromMilliseconds(rng.Next(0, 40)));
                await client.Edit(client.RandomEdit(rng));
            }
            await client.ProcessUntil(() => client.Synchronized, TimeSpan.FromSeconds(60));
        })));

        foreach (var doc in docs)
        {
            var (revision, content) = await Server.Document(doc);
            output.WriteLine($"{doc}: revision {revision}, {content.Length()} characters");
            // Edits made while an op is in flight are composed into one, so there are fewer revisions than edits.
            Assert.InRange(revision, clientsPerDocument * 4, clientsPerDocument * editsPerClient);
            foreach (var client in clients.Where(c => c.Doc == doc))
            {
                await client.ProcessUntil(() => client.Rev == revision, TimeSpan.FromSeconds(30));
                Assert.Empty(client.Violations);
                Assert.Empty(client.Errors);
                Assert.Equal(content, client.Content);
            }
        }
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
