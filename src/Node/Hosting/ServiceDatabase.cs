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
public sealed class ServiceDatabase(JournalProvider provider, string connectionString, string schema)
{
    public async Task EnsureCreated()
    {
        await using var db = await Open();
    }

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
