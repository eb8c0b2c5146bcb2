using System.CommandLine;
using System.Text;
using System.Text.Json;
using static AkkaCollab.Web.Admin.Ctl.CtlCommand;

namespace AkkaCollab.Web.Admin.Ctl;

/// `ctl doc …`: one document, wherever in the cluster it runs.
public static class DocCommands
{
    public static Command Build(TextWriter output)
    {
        var doc = new Command("doc", "One document: locate, info, snapshot, history, kick, passivate");
        var id = new Argument<string>("id") { Description = "Document id" };
        var user = new Argument<string>("user") { Description = "User whose sockets on the document are closed" };
        var from = new Option<long>("--from") { Description = "First revision", DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit") { Description = "Most ops to list (1-1000)", DefaultValueFactory = _ => 100 };
        string Path(ParseResult p, string verb) => $"admin/docs/{Uri.EscapeDataString(p.GetValue(id)!)}/{verb}";

        doc.Subcommands.Add(Verb("locate", "The shard and the node hosting the document", output,
            (p, c, t) => c.Get(Path(p, "locate"), t),
            a => Pairs(a, ("document", "document"), ("shard", "shard"), ("node", "node"), ("running", "running")), id));
        doc.Subcommands.Add(Verb("info", "Revision, snapshot, journal sequence, subscribers, presence, op rate", output,
            (p, c, t) => c.Get(Path(p, "info"), t), Info, id));
        doc.Subcommands.Add(Verb("snapshot", "Save a snapshot at the head now", output,
            (p, c, t) => c.Post(Path(p, "snapshot"), null, t),
            a => a.GetProperty("saved").GetBoolean()
                ? $"snapshot saved at revision {Text(a, "revision")}\n"
                : throw new CtlException(ExitCodes.CommandFailed, $"snapshot failed: {Text(a, "error")}"), id));
        doc.Subcommands.Add(Verb("history", "The ops from a revision on (sizes, not content)", output,
            (p, c, t) => c.Get(Path(p, "history") + $"?from={p.GetValue(from)}&limit={p.GetValue(limit)}", t),
            a => TableWriter.Render(["REV", "USER", "CLIENT", "SEQ", "INSERTED", "DELETED", "RETAINED"],
                a.EnumerateArray().Select(o => (IReadOnlyList<string>)
                    [Text(o, "revision"), Text(o, "user"), Text(o, "client"), Text(o, "seq"), Text(o, "inserted"), Text(o, "deleted"), Text(o, "retained")])),
            id, from, limit));
        doc.Subcommands.Add(Verb("kick", "Close the user's sockets on the document on every node", output,
            (p, c, t) => c.Post(Path(p, "kick/" + Uri.EscapeDataString(p.GetValue(user)!)), null, t),
            a => $"kick of {Text(a, "user")} on {Text(a, "document")} delivered to: {string.Join(", ", a.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}\n",
            id, user));
        doc.Subcommands.Add(Verb("passivate", "Snapshot and stop the entity; it restarts on demand", output,
            (p, c, t) => c.Post(Path(p, "passivate"), null, t),
            a => $"{Text(a, "documentId")} passivating on {Text(a, "node")} at revision {Text(a, "revision")}\n", id));
        return doc;
    }

    private static string Info(JsonElement a)
    {
        var text = new StringBuilder(Pairs(a,
            ("document", "documentId"), ("node", "node"), ("revision", "revision"), ("snapshot revision", "snapshotRevision"),
            ("journal sequence", "journalSequenceNr"), ("presence", "presenceCount"), ("ops last minute", "opsLastMinute"), ("started", "started")));
        text.AppendLine();
        text.Append(TableWriter.Render(["SUBSCRIBER NODE", "FEEDS"],
            a.GetProperty("subscribers").EnumerateArray().Select(s => (IReadOnlyList<string>)[Text(s, "node"), Text(s, "count")])));
        return text.ToString();
    }

    private static string Pairs(JsonElement a, params (string Label, string Property)[] rows)
    {
        var width = rows.Max(r => r.Label.Length) + 1;
        var text = new StringBuilder();
        foreach (var (label, property) in rows)
        {
            text.AppendLine($"{(label + ":").PadRight(width + 1)}{Text(a, property)}");
        }
        return text.ToString();
    }
}
