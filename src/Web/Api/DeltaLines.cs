using System.Text.Json;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Validation;

namespace AkkaCollab.Web.Api;

/// A document Delta read as lines, the way every export walks it: each line is its inline runs
/// (text without the "\n", or one embed each) and the block format carried by its "\n".
internal static class DeltaLines
{
    internal sealed record Line(List<InsertOp> Runs, AttributeMap? Format)
    {
        /// "ordered", "bullet", "checked", "unchecked" or null.
        public string? List => Str(Format, "list");

        /// 1..6 for a heading line, else null.
        public int? Header => Format?.TryGetValue("header", out var h) == true && h.ValueKind == JsonValueKind.Number
            && h.TryGetInt32(out var level) && level is >= 1 and <= 6 ? level : null;

        public bool IsCodeBlock => Format?.ContainsKey("code-block") == true && !Format.IsNull("code-block");

        public bool IsBlockquote => Str(Format, "blockquote") is not null || On(Format, "blockquote");

        /// Quill's list nesting: 0 at the margin, "indent" 1..8 deeper.
        public int Indent => Format?.TryGetValue("indent", out var i) == true && i.ValueKind == JsonValueKind.Number
            && i.TryGetInt32(out var level) && level > 0 ? level : 0;
    }

    /// Splits the document at its newlines; each line's block format is on its "\n". Trailing
    /// content without a final "\n" is a last line without format.
    public static IEnumerable<Line> Of(Delta document)
    {
        var runs = new List<InsertOp>();
        foreach (var op in document.Ops)
        {
            if (op is not InsertOp insert) continue;
            if (insert.Text is not { } text)
            {
                runs.Add(insert);
                continue;
            }
            var start = 0;
            int newline;
            while ((newline = text.IndexOf('\n', start)) >= 0)
            {
                if (newline > start) runs.Add(new InsertOp(text[start..newline], insert.Attributes));
                yield return new Line(runs, insert.Attributes);
                runs = [];
                start = newline + 1;
            }
            if (start < text.Length) runs.Add(new InsertOp(text[start..], insert.Attributes));
        }
        if (runs.Count > 0) yield return new Line(runs, null);
    }

    public static bool On(AttributeMap? a, string key) =>
        a is not null && a.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.True;

    public static string? Str(AttributeMap? a, string key) => a is not null && a.TryGetString(key, out var s) ? s : null;

    /// The run's link when its scheme is allowed; an unsafe link is dropped, its text kept.
    public static string? SafeLink(AttributeMap? a) => Str(a, "link") is { } href && LinkSafety.IsSafe(href) ? href : null;

    /// The embed's source URL (image, video) when it is a string with an allowed embed scheme.
    public static string? SafeSource(Embed embed) =>
        embed.Data.ValueKind == JsonValueKind.String && embed.Data.GetString() is { } url && LinkSafety.IsSafe(url, LinkSafety.DefaultEmbedSchemes) ? url : null;
}
