using AkkaCollab.Node.Hosting;

namespace AkkaCollab.Node.Tests.Infrastructure;

// Which database a spec class runs on. Every document id is fresh, so classes share a database.
public abstract class JournalFixture
{
    public abstract JournalProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public Task<TestHost> StartHost(string? extra = null) => TestHost.Start(Provider, ConnectionString, extra);
}

public sealed class SqliteJournalFixture : JournalFixture, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"akkacollab-test-{Guid.NewGuid():N}.db");

    public override JournalProvider Provider => JournalProvider.Sqlite;

    public override string ConnectionString => $"Data Source={_path}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

// PostgreSQL from tests/scripts/postgres.sh (test.sh starts it and exports the variable).
// Without it these specs fail, loudly: a database run that silently did not happen is worse.
public sealed class PostgresJournalFixture : JournalFixture
{
    public const string Variable = "AKKACOLLAB_TEST_PG";

    public override JournalProvider Provider => JournalProvider.PostgreSql;

    public override string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: run ./test.sh, or export {Variable}=\"$(tests/scripts/postgres.sh start)\" first");
}
