using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AkkaCollab.Node.Hosting;

// The service's own tables beside the journal (refresh tokens, the documents' lists): the same
// database, SQLite embedded or PostgreSQL in production. Schema: CREATE ... IF NOT EXISTS
// statements, run once per process on the first connection, or at start (EnsureCreated): with
// SQLite, a table created while other connections are in use can make a statement on a pooled
// connection fail with "no such table" (its cached schema predates the table), so the web host
// creates every table before it serves (ServiceTables in src/Web).
//
// On PostgreSQL, CREATE INDEX IF NOT EXISTS locks its table even when the index exists, so a node
// that starts while others write the index can deadlock with them (40P01, seen in the chaos
// suite's rolling restart), and two nodes creating a table at once can collide in the catalog:
// EnsureCreated tries again then.
public sealed class ServiceDatabase(JournalProvider provider, string connectionString, string schema)
{
    public const int CreateAttempts = 5;

    public async Task EnsureCreated()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await Open();
                return;
            }
            catch (PostgresException e) when (attempt < CreateAttempts && IsConcurrentSchemaChange(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    // Deadlock, serialization failure, and two CREATE ... IF NOT EXISTS at once (a unique or
    // duplicate-table violation in the catalog).
    public static bool IsConcurrentSchemaChange(PostgresException e) => e.SqlState is "40P01" or "40001" or "23505" or "42P07";

    private readonly SemaphoreSlim _created = new(1, 1);
    private bool _ready;

    public async Task<DbConnection> Open()
    {
        DbConnection db = provider == JournalProvider.PostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await db.OpenAsync();
        if (!_ready)
        {
            await _created.WaitAsync();
            try
            {
                if (!_ready)
                {
                    await Execute(db, schema);
                    _ready = true;
                }
            }
            finally
            {
                _created.Release();
            }
        }
        return db;
    }

    // Parameters are named without the @ the SQL gives them; null is SQL NULL.
    public static DbCommand Command(DbConnection db, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    public static async Task<int> Execute(DbConnection db, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(db, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<int> Execute(DbTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(tx.Connection!, sql, parameters);
        command.Transaction = tx;
        return await command.ExecuteNonQueryAsync();
    }
}
