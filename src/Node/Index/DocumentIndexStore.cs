using System.Data.Common;
using System.Globalization;
using System.Text;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Node.Hosting;

namespace AkkaCollab.Node.Index;

// The documents' lists, in the service's database (the journal's: SQLite embedded, PostgreSQL in
// production): one row per document and one per person on its access list, written only from
// the authorities' entries (DocumentIndexWriter), never by scanning the journal. Upsert keeps the
// entry with the highest revision, so writes may arrive late, twice or out of order.
//
// Lists are sorted by last edit, newest first, and paged by a keyset cursor (the last row's
// edited_at and id), so a page never repeats or skips a row that did not move meanwhile. Title
// search is a case-insensitive substring match on title_key, the title folded here (NFKC, then
// lower case) because SQLite's own case folding knows only ASCII.
public sealed class DocumentIndexStore
{
    private const string Create = """
        CREATE TABLE IF NOT EXISTS document_index (
            doc_id TEXT PRIMARY KEY,
            title TEXT NULL,
            title_key TEXT NOT NULL,
            owner_id TEXT NULL,
            edited_at BIGINT NOT NULL,
            edited_by TEXT NULL,
            deleted_at BIGINT NULL,
            revision BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS document_index_access (
            doc_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            level INTEGER NOT NULL,
            PRIMARY KEY (doc_id, user_id));
        CREATE INDEX IF NOT EXISTS document_index_access_user ON document_index_access (user_id, doc_id);
        CREATE INDEX IF NOT EXISTS document_index_owner ON document_index (owner_id, edited_at);
        """;

    private const string Upsert = """
        INSERT INTO document_index (doc_id, title, title_key, owner_id, edited_at, edited_by, deleted_at, revision)
        VALUES (@id, @title, @key, @owner, @at, @by, @deleted, @rev)
        ON CONFLICT (doc_id) DO UPDATE SET
            title = excluded.title, title_key = excluded.title_key, owner_id = excluded.owner_id,
            edited_at = excluded.edited_at, edited_by = excluded.edited_by, deleted_at = excluded.deleted_at,
            revision = excluded.revision
        WHERE document_index.revision < excluded.revision
        """;

    private readonly ServiceDatabase _database;

    public DocumentIndexStore(JournalProvider provider, string connectionString)
    {
        _database = new ServiceDatabase(provider, connectionString, Create);
    }

    public DocumentIndexStore(AkkaCollabNodeOptions node)
        : this(node.Journal, node.ConnectionString)
    {
    }

    public Task EnsureCreated() => _database.EnsureCreated();

    public enum ListKind
    {
        // Documents whose owner (DocumentState.Owner) is the user, not deleted.
        Mine,

        // Documents where the user has a role of their own and is not the owner, not deleted.
        Shared,

        // Deleted documents the user is an owner of, still restorable.
        Trash,
    }

    // A row of a list; Role: the user's own level on the document.
    public sealed record Row(DocumentId Id, string? Title, string? Owner, AccessLevel Role, long? LastEditAtMs, string? LastEditBy, long? DeletedAtMs);

    // Where a page starts: after the row (EditedAt, Id) of the previous page.
    public sealed record Cursor(long EditedAt, string Id);

    public sealed record Page(IReadOnlyList<Row> Rows, Cursor? Next);

    // False: the store already had this revision or a newer one, and nothing changed.
    public async Task<bool> Write(DocumentIndexEntry entry) => (await Write([entry]))[0];

    // Several documents' entries in one transaction (one commit, so one fsync, for a whole round
    // of the writer); for each, whether it changed the store.
    public async Task<IReadOnlyList<bool>> Write(IReadOnlyList<DocumentIndexEntry> entries)
    {
        await using var db = await _database.Open();
        await using var tx = await db.BeginTransactionAsync();
        var changed = new bool[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            changed[i] = await Write(tx, entries[i]);
        }
        await tx.CommitAsync();
        return changed;
    }

    private static async Task<bool> Write(DbTransaction tx, DocumentIndexEntry entry)
    {
        var changed = await ServiceDatabase.Execute(tx, Upsert,
            ("id", entry.DocumentId.Value), ("title", (object?)entry.Title), ("key", TitleKey(entry.Title ?? "")),
            ("owner", entry.Owner), ("at", entry.LastEditAtMs ?? 0), ("by", entry.LastEditBy), ("deleted", entry.DeletedAtMs),
            ("rev", entry.Revision));
        if (changed == 0)
        {
            return false;
        }
        await ServiceDatabase.Execute(tx, "DELETE FROM document_index_access WHERE doc_id = @id", ("id", entry.DocumentId.Value));
        foreach (var member in entry.Access)
        {
            await ServiceDatabase.Execute(tx, "INSERT INTO document_index_access (doc_id, user_id, level) VALUES (@id, @user, @level)",
                ("id", entry.DocumentId.Value), ("user", member.UserId), ("level", (int)member.Level));
        }
        return true;
    }

    // The revision the store holds for a document (null: none).
    public async Task<long?> RevisionOf(DocumentId id)
    {
        await using var db = await _database.Open();
        await using var read = ServiceDatabase.Command(db, "SELECT revision FROM document_index WHERE doc_id = @id", ("id", id.Value));
        return await read.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;
    }

    // One page of a list, at most limit rows; search: a substring of the title, any case.
    public async Task<Page> List(string user, ListKind kind, string? search, int limit, Cursor? after, long nowMs)
    {
        var sql = new StringBuilder("""
            SELECT d.doc_id, d.title, d.owner_id, a.level, d.edited_at, d.edited_by, d.deleted_at
            FROM document_index d JOIN document_index_access a ON a.doc_id = d.doc_id AND a.user_id = @user
            WHERE
            """);
        sql.Append(kind switch
        {
            ListKind.Mine => " d.owner_id = @user AND d.deleted_at IS NULL",
            ListKind.Shared => " (d.owner_id IS NULL OR d.owner_id <> @user) AND d.deleted_at IS NULL",
            _ => " a.level = @owner AND d.deleted_at IS NOT NULL AND d.deleted_at >= @restorable",
        });
        var parameters = new List<(string, object?)>
        {
            ("user", user), ("owner", (int)AccessLevel.Owner), ("restorable", nowMs - (long)DocumentState.RestoreWindow.TotalMilliseconds),
            ("limit", limit + 1),
        };
        if (!string.IsNullOrEmpty(search))
        {
            sql.Append(@" AND d.title_key LIKE @search ESCAPE '\'");
            parameters.Add(("search", "%" + EscapeLike(TitleKey(search)) + "%"));
        }
        if (after is not null)
        {
            sql.Append(" AND (d.edited_at < @afterAt OR (d.edited_at = @afterAt AND d.doc_id < @afterId))");
            parameters.Add(("afterAt", after.EditedAt));
            parameters.Add(("afterId", after.Id));
        }
        sql.Append(" ORDER BY d.edited_at DESC, d.doc_id DESC LIMIT @limit");

        await using var db = await _database.Open();
        await using var read = ServiceDatabase.Command(db, sql.ToString(), [.. parameters]);
        await using var row = await read.ExecuteReaderAsync();
        var rows = new List<(Row Row, long EditedAt)>();
        while (await row.ReadAsync())
        {
            var editedAt = row.GetInt64(4);
            rows.Add((new Row(
                DocumentId.Parse(row.GetString(0)),
                row.IsDBNull(1) ? null : row.GetString(1),
                row.IsDBNull(2) ? null : row.GetString(2),
                (AccessLevel)row.GetInt32(3),
                editedAt == 0 ? null : editedAt,
                row.IsDBNull(5) ? null : row.GetString(5),
                row.IsDBNull(6) ? null : row.GetInt64(6)), editedAt));
        }
        var more = rows.Count > limit;
        var page = rows.Take(limit).ToList();
        return new Page([.. page.Select(r => r.Row)], more ? new Cursor(page[^1].EditedAt, page[^1].Row.Id.Value) : null);
    }

    public static string TitleKey(string title) => title.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
