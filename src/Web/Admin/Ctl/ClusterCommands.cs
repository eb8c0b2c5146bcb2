using System.CommandLine;
using System.Text;
using System.Text.Json;
using static AkkaCollab.Web.Admin.Ctl.CtlCommand;

namespace AkkaCollab.Web.Admin.Ctl;

/// `ctl cluster …` and `ctl cluster sharding …`, with Petabridge.Cmd's names.
public static class ClusterCommands
{
    public static Command Build(TextWriter output)
    {
        var cluster = new Command("cluster", "Membership: show, leave, down, join, tail; and sharding");
        var address = new Argument<string>("address") { Description = "akka.tcp://system@host:port" };
        cluster.Subcommands.Add(Verb("show", "Members, roles, status, reachability, leader, oldest", output,
            (_, c, t) => c.Get("admin/cluster", t), Show));
        cluster.Subcommands.Add(Verb("leave", "Make a member leave gracefully (hands its shards off)", output,
            (p, c, t) => c.Post("admin/cluster/leave", new { address = p.GetValue(address) }, t), Message, address));
        cluster.Subcommands.Add(Verb("down", "Mark a member down (it is removed without handing off)", output,
            (p, c, t) => c.Post("admin/cluster/down", new { address = p.GetValue(address) }, t), Message, address));
        cluster.Subcommands.Add(Verb("down-unreachable", "Mark every unreachable member down", output,
            (_, c, t) => c.Post("admin/cluster/down-unreachable", null, t), Message));
        cluster.Subcommands.Add(Verb("join", "Make this node (not yet a member) join the cluster at address", output,
            (p, c, t) => c.Post("admin/cluster/join", new { address = p.GetValue(address) }, t), Message, address));
        cluster.Subcommands.Add(Tail(output));
        cluster.Subcommands.Add(Sharding(output));
        return cluster;
    }

    private static string Show(JsonElement view)
    {
        var text = new StringBuilder();
        text.AppendLine($"self:   {Text(view, "self")}");
        text.AppendLine($"leader: {Text(view, "leader")}");
        text.AppendLine($"oldest: {Text(view, "oldest")}");
        text.AppendLine();
        text.Append(TableWriter.Render(["ADDRESS", "STATUS", "REACHABLE", "ROLES"],
            view.GetProperty("members").EnumerateArray().Select(m => (IReadOnlyList<string>)
                [Text(m, "address"), Text(m, "status"), Text(m, "reachable"), string.Join(",", m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()))])));
        return text.ToString();
    }

    private static Command Tail(TextWriter output)
    {
        var tail = new Command("tail", "Stream member events (current members first) until interrupted");
        tail.SetAction(async (parsed, cancel) =>
        {
            using var client = Client(parsed);
            try
            {
                await foreach (var line in client.Lines("admin/cluster/tail", cancel))
                {
                    if (AsJson(parsed))
                    {
                        await output.WriteLineAsync(line);
                    }
                    else
                    {
                        var e = JsonDocument.Parse(line).RootElement;
                        await output.WriteLineAsync($"{e.GetProperty("time").GetDateTimeOffset():HH:mm:ss.fff}  {Text(e, "event"),-14}  {Text(e, "address")}  {Text(e, "status")}");
                    }
                    await output.FlushAsync(cancel);
                }
            }
            catch (OperationCanceledException)
            {
                // Interrupted (Ctrl+C): the normal way to end a tail.
            }
            return ExitCodes.Ok;
        });
        return tail;
    }

    private static Command Sharding(TextWriter output)
    {
        var sharding = new Command("sharding", "Shard regions and their distribution");
        var region = new Option<string>("--region") { Description = "Shard region (type name)", DefaultValueFactory = _ => "document" };
        sharding.Subcommands.Add(Verb("regions", "Shard regions and what this node hosts of each", output,
            (_, c, t) => c.Get("admin/sharding/regions", t),
            answer => TableWriter.Render(["REGION", "THIS NODE", "SHARDS HERE", "ENTITIES HERE"],
                answer.EnumerateArray().Select(r => (IReadOnlyList<string>)[Text(r, "name"), Text(r, "kind"), Text(r, "shardsHere"), Text(r, "entitiesHere")]))));
        sharding.Subcommands.Add(Verb("region-stats", "Shards and entities per node", output,
            (p, c, t) => c.Get($"admin/sharding/region-stats?region={Uri.EscapeDataString(p.GetValue(region)!)}", t),
            answer => TableWriter.Render(["NODE", "SHARDS", "ENTITIES"],
                answer.EnumerateArray().Select(r => (IReadOnlyList<string>)[Text(r, "node"), Text(r, "shards"), Text(r, "entities")])), region));
        sharding.Subcommands.Add(Verb("shard-stats", "Entities per shard, and the node hosting it", output,
            (p, c, t) => c.Get($"admin/sharding/shard-stats?region={Uri.EscapeDataString(p.GetValue(region)!)}", t),
            answer => TableWriter.Render(["SHARD", "NODE", "ENTITIES"],
                answer.EnumerateArray().Select(r => (IReadOnlyList<string>)[Text(r, "shard"), Text(r, "node"), Text(r, "entities")])), region));
        return sharding;
    }
}
