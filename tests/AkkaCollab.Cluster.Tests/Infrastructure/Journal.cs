using System.Text.Json;
using Npgsql;

namespace AkkaCollab.Cluster.Tests.Infrastructure;

/// Reads the documents' events straight from PostgreSQL's journal table, the one durable truth:
/// what a client was acked must be there, once, at the acked revision.
public static class Journal
{
    public sealed record Row(long SequenceNr, long Revision, string ClientId, long Seq);

    public static async Task<List<Row>> Ops(string connectionString, string doc)
    {
        // No pool: PostgreSQL is restarted by a fault, and a pooled connection would be dead.
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select sequence_number, message from journal where persistence_id = @id and not deleted order by sequence_number", connection);
        command.Parameters.AddWithValue("id", "document-" + doc);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var json = JsonDocument.Parse((byte[])reader[1]);
            var e = json.RootElement;
            // Op events carry revision, client and seq; access changes carry none of them.
            if (e.TryGetProperty("revision", out var rev) && e.TryGetProperty("clientId", out var client) && e.TryGetProperty("seq", out var seq))
            {
                rows.Add(new Row(reader.GetInt64(0), rev.GetInt64(), client.GetString()!, seq.GetInt64()));
            }
        }
        return rows;
    }

    /// Every problem with the acks against the journal: an acked op missing, stored twice or at
    /// another revision, and any revision stored twice or skipped.
    public static async Task<List<string>> Check(string connectionString, IEnumerable<Editor> editors)
    {
        var problems = new List<string>();
        foreach (var group in editors.GroupBy(e => e.Doc))
        {
            var rows = await Ops(connectionString, group.Key);
            foreach (var twice in rows.GroupBy(r => r.Revision).Where(g => g.Count() > 1))
            {
                problems.Add($"{group.Key}: revision {twice.Key} committed {twice.Count()} times");
            }
            var revisions = rows.Select(r => r.Revision).Distinct().Order().ToList();
            if (revisions.Count > 0 && revisions[^1] - revisions[0] + 1 != revisions.Count)
            {
                problems.Add($"{group.Key}: revisions {revisions[0]}..{revisions[^1]} have gaps ({revisions.Count} stored)");
            }
            var byOp = rows.ToLookup(r => (r.ClientId, r.Seq));
            foreach (var editor in group)
            {
                List<(long Seq, long Rev, TimeSpan At)> acks;
                lock (editor.Acks) acks = [.. editor.Acks];
                foreach (var ack in acks)
                {
                    var stored = byOp[(editor.ClientId, ack.Seq)].ToList();
                    if (stored.Count != 1 || stored[0].Revision != ack.Rev)
                    {
                        problems.Add($"{group.Key}: {editor.ClientId} seq {ack.Seq} acked at {ack.Rev}, journal has [{string.Join(", ", stored.Select(s => s.Revision))}]");
                    }
                }
            }
        }
        return problems;
    }

    /// The sequence numbers at which the document's snapshots are stored, in order.
    public static async Task<List<long>> Snapshots(string connectionString, string doc)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select sequence_number from snapshot where persistence_id = @id order by sequence_number", connection);
        command.Parameters.AddWithValue("id", "document-" + doc);
        var numbers = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetInt64(0));
        }
        return numbers;
    }
}
