using System.Globalization;
using Akka.Actor;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Streaming;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Security;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Web.Api;

/// The REST document API: a document at head or at a revision, its history, and exports
/// (downloads as HTML, plain text or Markdown).
/// Reads go to the document's authority (one Ask; a large answer comes as a stream ref), never to the database directly. Bad input is
/// a 400 problem whose "code" names the problem in the protocol's error vocabulary.
public static class DocumentsApi
{
    /// The most ops one history request returns; page with from/to for more.
    public const int MaxOpsPerRequest = 1_000;

    public static WebApplication MapDocuments(this WebApplication app)
    {
        var docs = app.MapGroup("/api/docs/{id}");
        docs.MapGet("", GetDocument);
        docs.MapGet("/ops", GetOps);
        docs.MapGet("/export", Export);
        return app;
    }

    private static async Task<IResult> GetDocument(string id, string? revision, HttpContext http, Gateway.GatewayHandles gateway, WebSettings settings)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        if (await DocumentAccess.RequireRead(http, doc!) is { } denied) return denied;
        object query = new GetHead(doc!);
        if (revision is not null)
        {
            if (!TryRevision(revision, out var rev)) return Problems.Of(ErrorCode.BadRevision, $"revision: must be an integer 0..2^53-1, got '{Shown(revision)}'");
            query = new GetContentAt(doc!, rev);
        }
        return await Ask(http, gateway, settings, query) switch
        {
            Head head => Results.Json(new { id = doc!.Value, revision = head.Revision, title = head.Title, delta = head.Content }),
            ContentAt at => Results.Json(new { id = doc!.Value, revision = at.Revision, delta = at.Content }),
            var other => Failure(other),
        };
    }

    private static async Task<IResult> GetOps(string id, string? from, string? to, HttpContext http, Gateway.GatewayHandles gateway, WebSettings settings)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        if (await DocumentAccess.RequireRead(http, doc!) is { } denied) return denied;
        long first = 1, last = long.MaxValue;
        if (from is not null && (!TryRevision(from, out first) || first < 1)) return Problems.Of(ErrorCode.BadRevision, $"from: must be an integer 1..2^53-1, got '{Shown(from)}'");
        if (to is not null && !TryRevision(to, out last)) return Problems.Of(ErrorCode.BadRevision, $"to: must be an integer 0..2^53-1, got '{Shown(to)}'");
        if (last < first - 1) return Problems.Of(ErrorCode.BadRevision, $"to: must not be before from - 1, got from={first} to={last}");
        last = Math.Min(last, first + MaxOpsPerRequest - 1);
        return await Ask(http, gateway, settings, new GetOps(doc!, first, last)) switch
        {
            Ops ops => Results.Json(new
            {
                id = doc!.Value,
                ops = ops.Items.Select(o => new { rev = o.Revision, client = o.ClientId, seq = o.Seq, user = o.UserId, at = o.AtMs, delta = o.Delta }),
            }),
            var other => Failure(other),
        };
    }

    private static async Task<IResult> Export(string id, string? format, HttpContext http, Gateway.GatewayHandles gateway, WebSettings settings)
    {
        if (!DocumentId.TryParse(id, out var doc, out var error)) return Problems.Of(ErrorCode.BadMessage, error!);
        if (await DocumentAccess.RequireRead(http, doc!) is { } denied) return denied;
        if (ExportFormats.Named(format) is not { } export) return Problems.Of(ErrorCode.BadMessage, $"format: must be {ExportFormats.Accepted}, got '{Shown(format!)}'");
        return await Ask(http, gateway, settings, new GetHead(doc!)) switch
        {
            Head head => export.Download(doc!, head.Title, head.Content, http.Response),
            var other => Failure(other),
        };
    }

    private static async Task<object> Ask(HttpContext http, Gateway.GatewayHandles gateway, WebSettings settings, object query)
    {
        try
        {
            return await LargeReply.Ask(http.RequestServices.GetRequiredService<ActorSystem>(), await gateway.Region(), query, settings.AuthorityTimeout);
        }
        catch (AskTimeoutException)
        {
            return new TimeoutMarker();
        }
    }

    private sealed record TimeoutMarker;

    private static IResult Failure(object reply) => reply switch
    {
        QueryRejected rejected => Problems.Of(rejected.Code, rejected.Reason),
        TimeoutMarker => Problems.Of(ErrorCode.Unavailable, "the document's authority did not answer in time; retry"),
        _ => Problems.Of(ErrorCode.Unavailable, $"unexpected answer {reply.GetType().Name}"),
    };


    private static bool TryRevision(string text, out long revision) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out revision) && revision <= (1L << 53) - 1;

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
