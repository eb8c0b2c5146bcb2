using Akka.Actor;
using AkkaCollab.Node.Admin;
using AkkaCollab.Node.Hosting;

namespace AkkaCollab.Web.Admin;

/// The admin HTTP API under /admin, one route per ctl command (Petabridge.Cmd's names). Answers
/// are JSON; a refused command is {"ok":false,"message":…} with a 4xx status.
public static class AdminApi
{
    public const string Prefix = "/admin";

    /// How long a query to the coordinator or an entity may take.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static WebApplication MapClusterAdmin(this WebApplication app)
    {
        var cluster = app.MapGroup(Prefix + "/cluster");
        cluster.MapGet("", (ActorSystem system) => Results.Json(ClusterAdmin.Show(system)));
        cluster.MapPost("/leave", (AddressBody body, ActorSystem system) => Outcome(ClusterAdmin.Leave(system, body.Address ?? "")));
        cluster.MapPost("/down", (AddressBody body, ActorSystem system) => Outcome(ClusterAdmin.Down(system, body.Address ?? "")));
        cluster.MapPost("/down-unreachable", (ActorSystem system) => Outcome(ClusterAdmin.DownUnreachable(system)));
        cluster.MapPost("/join", (AddressBody body, ActorSystem system) => Outcome(ClusterAdmin.Join(system, body.Address ?? "")));
        cluster.MapGet("/tail", ClusterTail.Stream);

        var sharding = app.MapGroup(Prefix + "/sharding");
        sharding.MapGet("/regions", (ActorSystem system, AkkaCollabNodeOptions node) => Query(() => Sharding(system, node).Regions()));
        sharding.MapGet("/region-stats", (string? region, ActorSystem system, AkkaCollabNodeOptions node) =>
            Query(() => Sharding(system, node).RegionStats(region ?? ShardingAdmin.DocumentRegionName)));
        sharding.MapGet("/shard-stats", (string? region, ActorSystem system, AkkaCollabNodeOptions node) =>
            Query(() => Sharding(system, node).ShardStats(region ?? ShardingAdmin.DocumentRegionName)));
        return app;
    }

    public sealed record AddressBody(string? Address);

    internal static ShardingAdmin Sharding(ActorSystem system, AkkaCollabNodeOptions node) => new(system, node.ShardCount, Timeout);

    internal static IResult Outcome(CommandResult result) =>
        Results.Json(result, statusCode: result.Ok ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    internal static IResult Refused(int status, string message) => Results.Json(new CommandResult(false, message), statusCode: status);

    // Bad input is 400; a cluster that does not answer in time is 503.
    internal static async Task<IResult> Query<T>(Func<Task<T>> query)
    {
        try
        {
            return Results.Json(await query());
        }
        catch (ArgumentException e)
        {
            return Refused(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (AskTimeoutException)
        {
            return Refused(StatusCodes.Status503ServiceUnavailable, $"the cluster did not answer within {Timeout.TotalSeconds:0} s; retry");
        }
    }
}
