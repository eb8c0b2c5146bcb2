using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Web.Api;

/// The formats of GET /api/docs/{id}/export. Each answers as a download named after the
/// document (its title, or its id while it has none), in UTF-8 with its own media type.
internal static class ExportFormats
{
    internal sealed record Format(string Extension, string ContentType, Func<string, Delta, string> Render);

    /// How a refusal names the accepted values of "format".
    public const string Accepted = "html, text, markdown or md";

    private static readonly Format Html = new("html", "text/html; charset=utf-8", (name, content) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{HtmlExport.Escape(name)}</title></head><body>{HtmlExport.Render(content)}</body></html>");

    private static readonly Format Text = new("txt", "text/plain; charset=utf-8", (_, content) => content.PlainText());

    private static readonly Format Markdown = new("md", "text/markdown; charset=utf-8", (_, content) => MarkdownExport.Render(content));

    /// The format a "format" query value names (html when there is none), or null.
    public static Format? Named(string? format) => format switch
    {
        null or "html" => Html,
        "text" => Text,
        "markdown" or "md" => Markdown,
        _ => null,
    };

    public static IResult Download(this Format format, DocumentId doc, string? title, Delta content, HttpResponse response)
    {
        var name = title ?? doc.Value;
        response.Headers.ContentDisposition = Attachment($"{FileName(name)}.{format.Extension}");
        return Results.Text(format.Render(name, content), format.ContentType);
    }

    // A title as a file name: the characters no file system takes (and dots that would hide it
    // or climb out of a folder) become '_'.
    private static string FileName(string title)
    {
        var safe = string.Concat(title.Select(c => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c)).Trim().TrimStart('.');
        return safe.Length == 0 ? "document" : safe;
    }

    /// RFC 6266: a quoted ASCII name for old clients (anything else as '_'), and the exact name
    /// as RFC 8187 UTF-8.
    public static string Attachment(string fileName)
    {
        var ascii = string.Concat(fileName.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_'));
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
