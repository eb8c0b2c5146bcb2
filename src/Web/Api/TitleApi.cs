using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Security;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Api;

/// PUT /api/docs/{id}/title {"title": "…"}: renames a document (any Unicode, 1-200 characters).
/// The document's authority decides (anyone who may edit) and persists the rename as an event, so
/// every open tab is told at once (the "title" frame); the answer comes once it is durable. The
/// current title is in GET /api/docs/{id}/exists.
public static class TitleApi
{
    public sealed record NewTitle(string? Title);

    public static WebApplication MapTitle(this WebApplication app)
    {
        app.MapPut("/api/docs/{id}/title", Rename);
        return app;
    }

    private static async Task<IResult> Rename(string id, NewTitle body, HttpContext http, Gateway.GatewayHandles gateway, WebSettings settings)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        if (DocumentState.TitleProblem(body.Title) is { } problem) return Problems.Of(ErrorCode.BadMessage, problem);
        if (DocumentAccess.Caller(http) is not { } caller) return Problems.Of(ErrorCode.Unauthorized, "Authorization: a Bearer access token is required");
        try
        {
            var region = await gateway.Region();
            return await region.Ask<object>(new Rename(doc!, caller, body.Title!), settings.AuthorityTimeout) switch
            {
                TitleOf renamed => Results.Json(new { id = doc!.Value, title = renamed.Title }),
                RenameRefused refused => Problems.Of(refused.Code, refused.Reason),
                var other => Problems.Of(ErrorCode.Unavailable, $"unexpected answer {other.GetType().Name}"),
            };
        }
        catch (AskTimeoutException)
        {
            return Problems.Of(ErrorCode.Unavailable, "the document's authority did not answer in time; retry");
        }
    }
}
