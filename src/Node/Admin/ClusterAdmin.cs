using Akka.Actor;
using Akka.Cluster;

namespace AkkaCollab.Node.Admin;

public sealed record MemberView(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable);

public sealed record ClusterView(string Self, string? Leader, string? Oldest, IReadOnlyList<MemberView> Members, IReadOnlyList<string> Unreachable);

// The outcome of a command that changes the cluster: Ok false means nothing was done.
public sealed record CommandResult(bool Ok, string Message);

// Petabridge.Cmd's cluster palette, answered from this node's view of the membership.
public static class ClusterAdmin
{
    public static ClusterView Show(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members
            .Concat(state.Unreachable.Where(u => !state.Members.Contains(u)))
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new MemberView(m.Address.ToString(), [.. m.Roles.Order(StringComparer.Ordinal)], m.Status.ToString(), !unreachable.Contains(m.Address)))
            .ToList();
        // The oldest Up member: the one cluster singletons and the shard coordinator run on.
        var oldest = state.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving)
            .Aggregate((Member?)null, (o, m) => o is null || m.IsOlderThan(o) ? m : o);
        return new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), oldest?.Address.ToString(), members, [.. unreachable.Select(a => a.ToString()).Order(StringComparer.Ordinal)]);
    }

    public static CommandResult Leave(ActorSystem system, string address) =>
        OnMember(system, address, (cluster, a) => cluster.Leave(a), "leaving");

    public static CommandResult Down(ActorSystem system, string address) =>
        OnMember(system, address, (cluster, a) => cluster.Down(a), "marked down");

    public static CommandResult DownUnreachable(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        var unreachable = cluster.State.Unreachable.Select(m => m.Address).ToList();
        foreach (var address in unreachable)
        {
            cluster.Down(address);
        }
        return new CommandResult(true, unreachable.Count == 0
            ? "no unreachable members"
            : "marked down: " + string.Join(", ", unreachable.Select(a => a.ToString())));
    }

    public static CommandResult Join(ActorSystem system, string address)
    {
        if (!TryParse(system, address, out var target, out var error))
        {
            return new CommandResult(false, error);
        }
        var cluster = Cluster.Get(system);
        if (cluster.SelfMember.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving)
        {
            return new CommandResult(false, $"{cluster.SelfAddress} is already {cluster.SelfMember.Status} in a cluster; a member cannot join another");
        }
        // Claimed so that a journal warm-up still running does not join the configured seeds after it.
        Hosting.ClusterJoin.For(system).TryClaim();
        cluster.Join(target);
        return new CommandResult(true, $"{cluster.SelfAddress} joining {target}");
    }

    private static CommandResult OnMember(ActorSystem system, string address, Action<Cluster, Address> act, string done)
    {
        if (!TryParse(system, address, out var target, out var error))
        {
            return new CommandResult(false, error);
        }
        var cluster = Cluster.Get(system);
        if (!cluster.State.Members.Any(m => m.Address == target) && !cluster.State.Unreachable.Any(m => m.Address == target))
        {
            return new CommandResult(false, $"address: {target} is not a member of this cluster (see cluster show)");
        }
        act(cluster, target);
        return new CommandResult(true, $"{target} {done}");
    }

    private static bool TryParse(ActorSystem system, string text, out Address address, out string error)
    {
        address = null!;
        error = "";
        try
        {
            address = Address.Parse(text);
        }
        catch (Exception e) when (e is UriFormatException or FormatException or ArgumentException)
        {
            error = $"address: '{text}' is not an actor system address like akka.tcp://{system.Name}@host:port";
            return false;
        }
        if (address.System != system.Name || address.Host is null || address.Port is null)
        {
            error = $"address: '{text}' must be akka.tcp://{system.Name}@host:port";
            return false;
        }
        return true;
    }
}
