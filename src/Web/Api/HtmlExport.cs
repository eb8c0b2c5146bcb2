using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Web.Api.DeltaLines;

namespace AkkaCollab.Web.Api;

/// Renders a document Delta as HTML on the server. Every piece of user text and every attribute
/// value is HTML-encoded; Quill formats map to a fixed set of tags and nothing else passes
/// (colors, fonts and sizes are dropped, links and images only with a safe scheme).
public static class HtmlExport
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(Delta document)
    {
        var html = new StringBuilder();
        string? openList = null;
        var inCode = false;
        foreach (var line in DeltaLines.Of(document))
        {
            var list = line.List switch { "ordered" => "ol", "bullet" or "checked" or "unchecked" => "ul", _ => null };
            var code = line.IsCodeBlock;
            if (openList != list)
            {
                if (openList is not null) html.Append("</").Append(openList).Append('>');
                if (list is not null) html.Append('<').Append(list).Append('>');
                openList = list;
            }
            if (inCode != code)
            {
                html.Append(code ? "<pre>" : "</pre>");
                inCode = code;
            }
            if (code)
            {
                foreach (var run in line.Runs) html.Append(Encoder.Encode(run.Text ?? ""));
                html.Append('\n');
                continue;
            }
            var tag = list is not null ? "li"
                : line.Header is { } level ? $"h{level}"
                : line.IsBlockquote ? "blockquote"
                : "p";
            html.Append('<').Append(tag).Append('>');
            foreach (var run in line.Runs) Inline(html, run);
            if (line.Runs.Count == 0) html.Append("<br>");
            html.Append("</").Append(tag).Append('>');
        }
        if (inCode) html.Append("</pre>");
        if (openList is not null) html.Append("</").Append(openList).Append('>');
        return html.ToString();
    }

    public static string Escape(string text) => Encoder.Encode(text);

    private static void Inline(StringBuilder html, InsertOp run)
    {
        var a = run.Attributes;
        var closers = new Stack<string>();
        void Open(string open, string close)
        {
            html.Append(open);
            closers.Push(close);
        }
        if (SafeLink(a) is { } href)
        {
            Open($"<a href=\"{Encoder.Encode(href)}\" rel=\"noopener noreferrer nofollow\">", "</a>");
        }
        if (On(a, "bold")) Open("<strong>", "</strong>");
        if (On(a, "italic")) Open("<em>", "</em>");
        if (On(a, "underline")) Open("<u>", "</u>");
        if (On(a, "strike")) Open("<s>", "</s>");
        if (On(a, "code")) Open("<code>", "</code>");
        switch (Str(a, "script"))
        {
            case "sub": Open("<sub>", "</sub>"); break;
            case "super": Open("<sup>", "</sup>"); break;
        }
        if (run.Text is { } text)
        {
            html.Append(Encoder.Encode(text));
        }
        else if (run.Embed is { } embed)
        {
            var value = embed.Data.ValueKind == JsonValueKind.String ? embed.Data.GetString() : null;
            switch (embed.Type)
            {
                case "image" when SafeSource(embed) is { } src:
                    html.Append("<img src=\"").Append(Encoder.Encode(src)).Append("\" alt=\"\">");
                    break;
                case "video" when SafeSource(embed) is { } src:
                    html.Append("<a href=\"").Append(Encoder.Encode(src)).Append("\" rel=\"noopener noreferrer nofollow\">video</a>");
                    break;
                case "formula" when value is not null:
                    html.Append("<code class=\"formula\">").Append(Encoder.Encode(value)).Append("</code>");
                    break;
            }
        }
        while (closers.Count > 0) html.Append(closers.Pop());
    }
}
