using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Security;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Api;

/// GET /api/docs/{id}/exists: whether a document exists, its title, and what the caller may do
/// on it, without creating it. A document exists once it has an op, an access list or a title; asking wakes its
/// authority in memory but persists nothing. The browser asks before opening the editor, so an
/// id typed in the URL that nobody created shows "No such document" rather than a blank editor.
public static class DocumentExistsApi
{
    public static WebApplication MapDocumentExists(this WebApplication app)
    {
        app.MapGet("/api/docs/{id}/exists", Exists);
        return app;
    }

    private static async Task<IResult> Exists(string id, HttpContext http, Gateway.GatewayHandles gateway, WebSettings settings)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        var user = DocumentAccess.Caller(http);
        if (user is null) return Problems.Of(ErrorCode.Unauthorized, "Authorization: a Bearer access token is required");
        try
        {
            var region = await gateway.Region();
            var access = await region.Ask<AccessOf>(new GetAccess(doc!, user), settings.AuthorityTimeout);
            if (access.Level < AccessLevel.Read)
            {
                return Problems.Of(ErrorCode.Forbidden, $"user {user} may not read {doc}");
            }
            if (access.Deleted)
            {
                return Problems.Of(ErrorCode.Deleted, $"{doc} was deleted; only an owner can restore it");
            }
            var head = await region.Ask<object>(new GetHead(doc!), settings.AuthorityTimeout);
            if (head is not Head h) return Problems.Of(ErrorCode.Unavailable, $"unexpected answer {head.GetType().Name}");
            return Results.Json(new
            {
                id = doc!.Value,
                exists = h.Revision > 0 || !access.Open || h.Title is not null,
                revision = h.Revision,
                title = h.Title,
                role = Security.AccessApi.Role(access.Level),
            });
        }
        catch (AskTimeoutException)
        {
            return Problems.Of(ErrorCode.Unavailable, "the document's authority did not answer in time; retry");
        }
    }
}
