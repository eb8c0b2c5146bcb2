using System.Globalization;
using System.Text;
using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Index;
using AkkaCollab.Protocol;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Security;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Index.DocumentIndexStore;

namespace AkkaCollab.Web.Api;

/// The documents' lists and the trash. GET /api/docs?list=mine|shared|trash&q=&limit=&cursor=:
/// one page of the caller's documents (mine: they are the owner; shared: they have a role of
/// their own on someone else's; trash: deleted ones they own, restorable), newest edit first,
/// with "next" the cursor of the following page (null: the last). q: a part of the title, any
/// case. The lists come from the index the authorities keep (Node/Index), so a change shows in
/// them a moment after it is durable.
/// DELETE /api/docs/{id} and POST /api/docs/{id}/restore: the document's authority decides
/// (owners only; a restore within 30 days of the deletion) and answers once it is durable.
public static class DocumentListApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxSearchLength = DocumentState.MaxTitleLength;

    public static WebApplication MapDocumentList(this WebApplication app)
    {
        app.MapGet("/api/docs", List);
        app.MapDelete("/api/docs/{id}", (string id, HttpContext http) => Decide(id, http, caller => new DeleteDocument(DocumentId.Parse(id), caller)));
        app.MapPost("/api/docs/{id}/restore", (string id, HttpContext http) => Decide(id, http, caller => new RestoreDocument(DocumentId.Parse(id), caller)));
        return app;
    }

    private static async Task<IResult> List(string? list, string? q, string? limit, string? cursor, HttpContext http, DocumentIndexStore index)
    {
        if (DocumentAccess.Caller(http) is not { } caller) return Problems.Of(ErrorCode.Unauthorized, "Authorization: a Bearer access token is required");
        if (Kind(list ?? "mine") is not { } kind) return Problems.Of(ErrorCode.BadMessage, $"list: must be mine, shared or trash, got '{Shown(list!)}'");
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxLimit))
        {
            return Problems.Of(ErrorCode.BadMessage, $"limit: must be an integer 1..{MaxLimit}, got '{Shown(limit)}'");
        }
        Cursor? after = null;
        if (cursor is not null && (after = ParseCursor(cursor)) is null) return Problems.Of(ErrorCode.BadMessage, "cursor: not a cursor this API gave out; start again without one");
        var search = q?.Trim();
        if (search is { Length: > MaxSearchLength }) return Problems.Of(ErrorCode.BadMessage, $"q: at most {MaxSearchLength} characters");

        var page = await index.List(caller, kind, search, size, after, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return Results.Json(new
        {
            list = list ?? "mine",
            items = page.Rows.Select(row => new
            {
                id = row.Id.Value,
                title = row.Title,
                owner = row.Owner,
                role = AccessApi.Role(row.Role),
                lastEditedAt = row.LastEditAtMs,
                lastEditedBy = row.LastEditBy,
                deletedAt = row.DeletedAtMs,
                restorableUntil = row.DeletedAtMs + (long)DocumentState.RestoreWindow.TotalMilliseconds,
            }),
            next = page.Next is { } next ? FormatCursor(next) : null,
        });
    }

    private static async Task<IResult> Decide(string id, HttpContext http, Func<string, object> command)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        if (DocumentAccess.Caller(http) is not { } caller) return Problems.Of(ErrorCode.Unauthorized, "Authorization: a Bearer access token is required");
        var region = await http.RequestServices.GetRequiredService<Gateway.GatewayHandles>().Region();
        var timeout = http.RequestServices.GetRequiredService<WebSettings>().AuthorityTimeout;
        try
        {
            return await region.Ask<object>(command(caller), timeout) switch
            {
                DeletionOf state => Results.Json(new { id = doc!.Value, deleted = state.DeletedAtMs is not null, deletedAt = state.DeletedAtMs }),
                DeletionRefused refused => Problems.Of(refused.Code, refused.Reason),
                var other => Problems.Of(ErrorCode.Unavailable, $"unexpected answer {other.GetType().Name}"),
            };
        }
        catch (AskTimeoutException)
        {
            return Problems.Of(ErrorCode.Unavailable, "the document's authority did not answer in time; retry");
        }
    }

    private static ListKind? Kind(string list) => list switch
    {
        "mine" => ListKind.Mine,
        "shared" => ListKind.Shared,
        "trash" => ListKind.Trash,
        _ => null,
    };

    // Opaque to clients: base64url of "editedAt:id".
    private static string FormatCursor(Cursor cursor) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cursor.EditedAt.ToString(CultureInfo.InvariantCulture)}:{cursor.Id}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Cursor? ParseCursor(string text)
    {
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            var colon = decoded.IndexOf(':');
            return colon > 0
                   && long.TryParse(decoded[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                   && DocumentId.TryParse(decoded[(colon + 1)..], out var id, out _)
                ? new Cursor(at, id!.Value)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
