namespace AkkaCollab.Node.Hosting;

public enum JournalProvider
{
    // Embedded, one process only: the local default.
    Sqlite,
    PostgreSql,
}
