using AkkaCollab.Node.Hosting;
using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Tests.Security;

/// The refresh-token table itself, on SQLite (the embedded default) and, when the test command
/// provides one (AKKACOLLAB_TEST_PG, set by test.sh), on PostgreSQL.
public sealed class RefreshTokenStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "akkacollab-web-tests", Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Databases()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (Environment.GetEnvironmentVariable("AKKACOLLAB_TEST_PG") is { Length: > 0 })
        {
            data.Add("postgres");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_token_rotates_once_and_its_reuse_revokes_the_family(string database)
    {
        var store = Store(database);
        var (first, _) = await store.Issue("alice", ["admin"]);

        var rotated = Assert.IsType<RefreshTokenStore.Rotated>(await store.Rotate(first));
        Assert.Equal("alice", rotated.User);
        Assert.Equal(["admin"], rotated.Roles);
        Assert.IsType<RefreshTokenStore.Reused>(await store.Rotate(first));
        var revoked = Assert.IsType<RefreshTokenStore.Invalid>(await store.Rotate(rotated.Token));
        Assert.Contains("revoked", revoked.Reason);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Of_two_concurrent_uses_of_one_token_exactly_one_rotates(string database)
    {
        var store = Store(database);
        var (token, _) = await store.Issue("bob", []);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.Rotate(token))));

        Assert.Single(outcomes.OfType<RefreshTokenStore.Rotated>());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Revoking_a_token_revokes_its_successors_too(string database)
    {
        var store = Store(database);
        var (token, _) = await store.Issue("carol", []);
        var next = Assert.IsType<RefreshTokenStore.Rotated>(await store.Rotate(token)).Token;

        await store.Revoke(token);

        Assert.IsType<RefreshTokenStore.Invalid>(await store.Rotate(next));
    }

    private RefreshTokenStore Store(string database)
    {
        Directory.CreateDirectory(_folder);
        var node = database == "postgres"
            ? new AkkaCollabNodeOptions { Journal = JournalProvider.PostgreSql, ConnectionString = Environment.GetEnvironmentVariable("AKKACOLLAB_TEST_PG")! }
            : new AkkaCollabNodeOptions { Journal = JournalProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "auth.db")};Pooling=false" };
        return new RefreshTokenStore(new SecuritySettings(), node);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
