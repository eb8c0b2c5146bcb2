using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Web.Configuration;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Security;

/// Who is calling, and what they may do on a document, for the REST API. The document's
/// authority holds the access list (as persisted events); this only asks it.
public static class DocumentAccess
{
    /// The signed-in user; in Development without a token, "anonymous". Null: answer 401.
    public static string? Caller(HttpContext http) =>
        http.User.User() ?? (http.RequestServices.GetRequiredService<SecurityMode>().DevelopmentSignIn ? "anonymous" : null);

    /// Null when the caller may read the document, else the problem to answer with.
    public static async Task<IResult?> RequireRead(HttpContext http, DocumentId doc) =>
        await Require(http, doc, AccessLevel.Read);

    public static async Task<IResult?> Require(HttpContext http, DocumentId doc, AccessLevel needed)
    {
        var user = Caller(http);
        if (user is null)
        {
            return Problems.Of(ErrorCode.Unauthorized, "Authorization: a Bearer access token is required");
        }
        var access = await Ask(http, doc, user);
        if (access is null)
        {
            return Problems.Of(ErrorCode.Unavailable, "the document's authority did not answer in time; retry");
        }
        if (access.Deleted)
        {
            return Problems.Of(ErrorCode.Deleted, $"{doc} was deleted; only an owner can restore it");
        }
        return access.Level >= needed
            ? null
            : Problems.Of(ErrorCode.Forbidden, $"user {user} may not {(needed >= AccessLevel.Write ? "change" : "read")} {doc}");
    }

    public static async Task<AccessOf?> Ask(HttpContext http, DocumentId doc, string user)
    {
        var gateway = http.RequestServices.GetRequiredService<Gateway.GatewayHandles>();
        var settings = http.RequestServices.GetRequiredService<WebSettings>();
        try
        {
            return await (await gateway.Region()).Ask<AccessOf>(new GetAccess(doc, user), settings.AuthorityTimeout);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
