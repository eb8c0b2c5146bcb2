namespace AkkaCollab.Web.Tests.Infrastructure;

/// One node shared by the tests of the "server" collection, with the production limits except
/// the message rates (per socket, user and document: the fuzzer and the convergence test send far faster than a person types).
public sealed class ServerFixture : IAsyncLifetime
{
    public CollabServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CollabServer.Start(new Dictionary<string, string?>
    {
        ["AkkaCollab:Web:MessagesPerSecond"] = "100000",
        ["AkkaCollab:Web:MessageBurst"] = "100000",
        ["AkkaCollab:Security:SocketPerUserPerSecond"] = "100000",
        ["AkkaCollab:Security:SocketPerUserBurst"] = "100000",
        ["AkkaCollab:Security:SocketPerDocumentPerSecond"] = "100000",
        ["AkkaCollab:Security:SocketPerDocumentBurst"] = "100000",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
