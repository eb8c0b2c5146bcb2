using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Configuration;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;

namespace AkkaCollab.Web.Security;

/// Sharing: PUT /api/docs/{id}/access/{user} {"role": "viewer"|"editor"|"owner"} and DELETE to
/// unshare. Only an owner may share; a document nobody has claimed (empty access list, open to
/// everyone) is claimed by the first share, which makes the caller its owner. The admin variant
/// under /api/admin requires the admin role and works on any document.
public static class AccessApi
{
    public const string AdminPolicy = "admin";

    public sealed record Share(string? Role);

    public static WebApplication MapAccess(this WebApplication app)
    {
        app.MapPut("/api/docs/{id}/access/{user}", (string id, string user, Share body, HttpContext http) => Change(id, user, body.Role, http, admin: false));
        app.MapDelete("/api/docs/{id}/access/{user}", (string id, string user, HttpContext http) => Change(id, user, "none", http, admin: false));
        var admin = app.MapGroup("/api/admin").RequireAuthorization(AdminPolicy);
        admin.MapPut("/docs/{id}/access/{user}", (string id, string user, Share body, HttpContext http) => Change(id, user, body.Role, http, admin: true));
        admin.MapDelete("/docs/{id}/access/{user}", (string id, string user, HttpContext http) => Change(id, user, "none", http, admin: true));
        return app;
    }

    public static AccessLevel? Level(string? role) => role switch
    {
        "viewer" => AccessLevel.Read,
        "editor" => AccessLevel.Write,
        "owner" => AccessLevel.Owner,
        "none" => AccessLevel.None,
        _ => null,
    };

    private static async Task<IResult> Change(string id, string target, string? role, HttpContext http, bool admin)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        if (!Identifiers.IsValid(target, Identifiers.MaxClientIdLength)) return Problems.Of(ErrorCode.BadMessage, "user: 1-64 characters of [A-Za-z0-9._-]");
        if (Level(role) is not { } level) return Problems.Of(ErrorCode.BadMessage, $"role: must be viewer, editor or owner, got '{role}'");
        var caller = DocumentAccess.Caller(http);
        if (caller is null) return Problems.Of(ErrorCode.Unauthorized, "Authorization: a Bearer access token is required");
        var access = await DocumentAccess.Ask(http, doc!, caller);
        if (access is null) return Problems.Of(ErrorCode.Unavailable, "the document's authority did not answer in time; retry");
        if (!admin && !access.Open && access.Level < AccessLevel.Owner)
        {
            return Problems.Of(ErrorCode.Forbidden, $"user {caller} is not an owner of {doc}");
        }
        var region = await http.RequestServices.GetRequiredService<Gateway.GatewayHandles>().Region();
        var timeout = http.RequestServices.GetRequiredService<WebSettings>().AuthorityTimeout;
        try
        {
            if (!admin && access.Open && target != caller)
            {
                // Claiming: the caller becomes the owner first, so the document never has an
                // access list that locks its claimant out.
                await region.Ask<AccessSet>(new SetAccess(doc!, caller, AccessLevel.Owner), timeout);
            }
            var set = await region.Ask<AccessSet>(new SetAccess(doc!, target, level), timeout);
            return Results.Json(new { id = doc!.Value, user = set.UserId, role = role });
        }
        catch (AskTimeoutException)
        {
            return Problems.Of(ErrorCode.Unavailable, "the document's authority did not answer in time; retry");
        }
    }
}
