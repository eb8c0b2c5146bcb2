using Akka.Actor;
using Akka.Hosting;
using AkkaCollab.Node.Admin;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Hosting;
using AkkaCollab.Node.Streaming;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentAdmin;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Admin;

/// One line of `doc history`: who changed what, without the content (sizes only).
public sealed record HistoryLine(long Revision, string User, string Client, long Seq, int Inserted, int Deleted, int Retained);

public sealed record KickView(string Document, string User, IReadOnlyList<string> Nodes);

/// The per-document commands under /admin/docs/{id}: asked of the document's authority through
/// the shard region (wherever it runs), except kick, which goes to every node.
public static class DocAdminApi
{
    public const int MaxHistory = 1_000;

    public static WebApplication MapDocAdmin(this WebApplication app)
    {
        var doc = app.MapGroup(AdminApi.Prefix + "/docs/{id}");
        doc.MapGet("/locate", (string id, ActorSystem system, AkkaCollabNodeOptions node) =>
            WithId(id, d => AdminApi.Query(() => AdminApi.Sharding(system, node).Locate(d))));
        doc.MapGet("/info", (string id, IRequiredActor<DocumentRegion> region) =>
            WithId(id, d => Ask<Info>(region, new GetInfo(d), info => info)));
        doc.MapPost("/snapshot", (string id, IRequiredActor<DocumentRegion> region) =>
            WithId(id, d => Ask<SnapshotTaken>(region, new TakeSnapshot(d), taken => taken)));
        doc.MapPost("/passivate", (string id, IRequiredActor<DocumentRegion> region) =>
            WithId(id, d => Ask<Passivating>(region, new PassivateDocument(d), p => p)));
        doc.MapGet("/history", (string id, long? from, int? limit, IRequiredActor<DocumentRegion> region, ActorSystem system) =>
        {
            var first = from ?? 1;
            var count = limit ?? 100;
            if (first < 1 || count is < 1 or > MaxHistory)
            {
                return Task.FromResult(AdminApi.Refused(StatusCodes.Status400BadRequest, $"from must be >= 1 and limit 1-{MaxHistory}, got from={first} limit={count}"));
            }
            return WithId(id, d => Ask<Ops>(region, new GetOps(d, first, first + count - 1), ops => ops.Items.Select(Line).ToList(), system));
        });
        doc.MapPost("/kick/{user}", (string id, string user, ActorSystem system) =>
            WithId(id, async d =>
            {
                var nodes = await DocumentKick.Kick(system, new KickUser(d, user), AdminApi.Timeout);
                return Results.Json(new KickView(d.Value, user, nodes));
            }));
        return app;
    }

    private static HistoryLine Line(Node.Documents.Messages.DocumentEvents.OpApplied op)
    {
        int inserted = 0, deleted = 0, retained = 0;
        foreach (var o in op.Delta.Ops)
        {
            switch (o)
            {
                case InsertOp i: inserted += i.Length; break;
                case DeleteOp d: deleted += d.Length; break;
                case RetainOp r: retained += r.Length; break;
            }
        }
        return new HistoryLine(op.Revision, op.UserId, op.ClientId, op.Seq, inserted, deleted, retained);
    }

    private static Task<IResult> WithId(string id, Func<DocumentId, Task<IResult>> then) =>
        DocumentId.TryParse(id, out var doc, out var error)
            ? then(doc!)
            : Task.FromResult(AdminApi.Refused(StatusCodes.Status400BadRequest, error!));

    // With a system, a reply that came as a stream ref (a large page of history) is read first.
    private static async Task<IResult> Ask<T>(IRequiredActor<DocumentRegion> region, object message, Func<T, object> shape, ActorSystem? system = null)
    {
        try
        {
            var answer = await (await region.GetAsync()).Ask<object>(message, AdminApi.Timeout);
            return (system is null ? answer : await LargeReply.Resolve(system, answer)) switch
            {
                T reply => Results.Json(shape(reply)),
                QueryRejected rejected => AdminApi.Refused(StatusCodes.Status400BadRequest, rejected.Reason),
                var other => AdminApi.Refused(StatusCodes.Status500InternalServerError, $"unexpected answer {other.GetType().Name}"),
            };
        }
        catch (AskTimeoutException)
        {
            return AdminApi.Refused(StatusCodes.Status503ServiceUnavailable, $"the document's authority did not answer within {AdminApi.Timeout.TotalSeconds:0} s; retry");
        }
    }
}
