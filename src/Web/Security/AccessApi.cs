using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Configuration;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Security;

/// Sharing. GET /api/docs/{id}/access: who has access (any reader may see it). PUT
/// /api/docs/{id}/access/{user} {"role": "viewer"|"editor"|"owner"} and DELETE to unshare; PUT
/// /api/docs/{id}/access {"general": "restricted"|"viewer"|"editor"}: what anyone signed in with
/// the link may do. Whether the caller may is decided by the document's authority in the same
/// step as the change (DocumentState.Process: owners share, the last owner stays, a document
/// nobody owns is claimed by its first sharer), so that two people sharing at once are ordered.
/// The admin variants under /api/admin require the admin role and may change any document.
public static class AccessApi
{
    public const string AdminPolicy = "admin";

    public sealed record Share(string? Role);

    public sealed record GeneralAccess(string? General);

    public static WebApplication MapAccess(this WebApplication app)
    {
        app.MapGet("/api/docs/{id}/access", List);
        app.MapPut("/api/docs/{id}/access", (string id, GeneralAccess body, HttpContext http) => ChangeGeneral(id, body.General, http, admin: false));
        app.MapPut("/api/docs/{id}/access/{user}", (string id, string user, Share body, HttpContext http) => Change(id, user, body.Role, http, admin: false));
        app.MapDelete("/api/docs/{id}/access/{user}", (string id, string user, HttpContext http) => Change(id, user, "none", http, admin: false));
        var admin = app.MapGroup("/api/admin").RequireAuthorization(AdminPolicy);
        admin.MapPut("/docs/{id}/access", (string id, GeneralAccess body, HttpContext http) => ChangeGeneral(id, body.General, http, admin: true));
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

    public static string Role(AccessLevel level) => level switch
    {
        AccessLevel.Owner => "owner",
        AccessLevel.Write => "editor",
        AccessLevel.Read => "viewer",
        _ => "none",
    };

    private static AccessLevel? GeneralLevel(string? general) => general switch
    {
        "restricted" => AccessLevel.None,
        "viewer" => AccessLevel.Read,
        "editor" => AccessLevel.Write,
        _ => null,
    };

    private static string GeneralName(AccessLevel level) => level == AccessLevel.None ? "restricted" : Role(level);

    private static object Summary(AccessUpdated access) => new
    {
        id = access.DocumentId.Value,
        general = GeneralName(access.General),
        members = Members(access),
    };

    private static IEnumerable<object> Members(AccessUpdated access) => access.Members.Select(m => new { user = m.UserId, role = Role(m.Level) });

    private static async Task<IResult> List(string id, HttpContext http)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        if (await DocumentAccess.RequireRead(http, doc!) is { } refused) return refused;
        return await Ask(http, new GetAccessList(doc!), updated => Results.Json(Summary(updated)));
    }

    private static async Task<IResult> Change(string id, string target, string? role, HttpContext http, bool admin)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        if (!Identifiers.IsValid(target, Identifiers.MaxClientIdLength)) return Problems.Of(ErrorCode.BadMessage, "user: 1-64 characters of [A-Za-z0-9._-]");
        if (Level(role) is not { } level) return Problems.Of(ErrorCode.BadMessage, $"role: must be viewer, editor or owner, got '{role}'");
        if (DocumentAccess.Caller(http) is not { } caller) return Problems.Of(ErrorCode.Unauthorized, "Authorization: a Bearer access token is required");
        return await Ask(http, new ChangeAccess(doc!, caller, admin, target, level), updated => Results.Json(new
        {
            id = doc!.Value,
            user = target,
            role,
            general = GeneralName(updated.General),
            members = Members(updated),
        }));
    }

    private static async Task<IResult> ChangeGeneral(string id, string? general, HttpContext http, bool admin)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        if (GeneralLevel(general) is not { } level) return Problems.Of(ErrorCode.BadMessage, $"general: must be restricted, viewer or editor, got '{general}'");
        if (DocumentAccess.Caller(http) is not { } caller) return Problems.Of(ErrorCode.Unauthorized, "Authorization: a Bearer access token is required");
        return await Ask(http, new ChangeGeneralAccess(doc!, caller, admin, level), updated => Results.Json(Summary(updated)));
    }

    // One Ask to the authority: its decision and the state after it come back together.
    private static async Task<IResult> Ask(HttpContext http, IDocumentMessage message, Func<AccessUpdated, IResult> ok)
    {
        var region = await http.RequestServices.GetRequiredService<Gateway.GatewayHandles>().Region();
        var timeout = http.RequestServices.GetRequiredService<WebSettings>().AuthorityTimeout;
        try
        {
            return await region.Ask<object>(message, timeout) switch
            {
                AccessUpdated updated => ok(updated),
                AccessRefused refused => Problems.Of(refused.Code, refused.Reason),
                var other => Problems.Of(ErrorCode.Unavailable, $"unexpected answer {other.GetType().Name}"),
            };
        }
        catch (AskTimeoutException)
        {
            return Problems.Of(ErrorCode.Unavailable, "the document's authority did not answer in time; retry");
        }
    }
}
