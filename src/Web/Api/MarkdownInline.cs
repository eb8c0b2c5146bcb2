using System.Text;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Web.Api.DeltaLines;

namespace AkkaCollab.Web.Api;

/// One line's runs as inline Markdown for MarkdownExport.
///
/// Formats become spans that open and close around the runs carrying them, kept as a stack so
/// that they nest properly (**a *b*** rather than **a*****b***), with spaces kept outside the
/// delimiters ("**bold **" is not bold in CommonMark). A delimiter also counts only when it is
/// flanking: "a**"q"**" has punctuation inside and a letter outside, and reads as literal
/// asterisks. Such a span is written as inline HTML instead (<strong>, <em>, <del>), which
/// CommonMark passes through, so no format turns into stray characters.
internal static class MarkdownInline
{
    private sealed class Span(string kind, string? destination)
    {
        public string Kind { get; } = kind;
        public string? Destination { get; } = destination;
        public bool AsHtml { get; set; }
        public char Delimiter { get; set; }
    }

    /// Markdown text (already escaped), inline code (raw), or a span's opening or closing delimiter.
    private readonly record struct Piece(string? Text, Span? Span, bool Opens, string? Code = null);

    public static string Render(List<InsertOp> runs)
    {
        var pieces = Pieces(runs);
        // Each pass only turns spans into HTML, so this ends after at most one pass per span.
        while (true)
        {
            var (md, delimiters) = Write(pieces);
            var isDelimiter = new bool[md.Length];
            foreach (var (start, end, _, _) in delimiters) Array.Fill(isDelimiter, true, start, end - start);
            var changed = false;
            foreach (var (start, end, span, opens) in delimiters)
            {
                if (Flanks(md, isDelimiter, start, end, opens)) continue;
                span.AsHtml = true;
                changed = true;
            }
            if (!changed) return md;
        }
    }

    private static List<Piece> Pieces(List<InsertOp> runs)
    {
        var pieces = new List<Piece>();
        var open = new List<(string Key, Span Span)>();
        var spaces = new StringBuilder();
        foreach (var run in runs)
        {
            var text = run.Text;
            var core = text?.Trim(' ', '\t') ?? "";
            if (text is not null && core.Length == 0)
            {
                spaces.Append(text);
                continue;
            }
            var wanted = Wanted(run.Attributes);
            var atStart = pieces.Count == 0 && wanted.Count == 0;
            var code = text is not null && On(run.Attributes, "code");
            var content = text is null ? (run.Embed is { Type: "image" } image && SafeSource(image) is { } src ? $"![]({Destination(src)})" : "")
                : code ? core
                : Escape(core, atStart);
            // Any other embed (video, formula, unknown) has no Markdown form and is dropped.
            if (content.Length == 0) continue;
            spaces.Append(text?[..(text.Length - text.TrimStart(' ', '\t').Length)]);
            // Close down to the longest prefix of the stack that the run keeps, then open the rest.
            var keep = 0;
            while (keep < open.Count && keep < wanted.Count && open[keep].Key == wanted[keep].Key) keep++;
            for (; open.Count > keep; open.RemoveAt(open.Count - 1)) pieces.Add(new Piece(null, open[^1].Span, false));
            if (pieces.Count > 0 && spaces.Length > 0) pieces.Add(new Piece(spaces.ToString(), null, false));
            spaces.Clear();
            foreach (var (key, span) in wanted.Skip(keep))
            {
                pieces.Add(new Piece(null, span, true));
                open.Add((key, span));
            }
            pieces.Add(code ? new Piece(null, null, false, content) : new Piece(content, null, false));
            spaces.Append(text?[text.TrimEnd(' ', '\t').Length..]);
        }
        for (; open.Count > 0; open.RemoveAt(open.Count - 1)) pieces.Add(new Piece(null, open[^1].Span, false));
        return pieces;
    }

    /// The spans a run needs, outermost first: the link encloses the emphasis.
    private static List<(string Key, Span Span)> Wanted(AttributeMap? a)
    {
        var wanted = new List<(string, Span)>();
        if (SafeLink(a) is { } href) wanted.Add(("link " + href, new Span("link", Destination(href))));
        foreach (var kind in (string[])["bold", "italic", "strike"])
        {
            if (On(a, kind)) wanted.Add((kind, new Span(kind, null)));
        }
        return wanted;
    }

    /// Writes the pieces; `delimiters` are where the Markdown emphasis delimiters went.
    private static (string Markdown, List<(int Start, int End, Span Span, bool Opens)> Delimiters) Write(List<Piece> pieces)
    {
        var md = new StringBuilder();
        var delimiters = new List<(int Start, int End, Span Span, bool Opens)>();
        var inLink = false;
        foreach (var (text, span, opens, code) in pieces)
        {
            if (code is not null)
            {
                // Right after a backtick (a literal one or another code span) a code span's
                // backticks would join it, and in a link's text a "]" in one can end the label
                // of a link reference definition ("[`]:`](…)"); inline HTML with escaped text
                // shows the same.
                var asHtml = (md.Length > 0 && md[^1] == '`') || (inLink && code.AsSpan().IndexOfAny('[', ']') >= 0);
                md.Append(asHtml ? $"<code>{Escape(code, atStart: false)}</code>" : CodeSpan(code));
                continue;
            }
            if (span is null)
            {
                md.Append(text);
                continue;
            }
            if (span.Kind == "link")
            {
                // "!" right before "[" would make the link an image.
                if (opens && md.Length > 0 && md[^1] == '!') md.Insert(md.Length - 1, '\\');
                md.Append(opens ? "[" : $"]({span.Destination})");
                inLink = opens;
                continue;
            }
            if (span.AsHtml)
            {
                var tag = span.Kind switch { "bold" => "strong", "italic" => "em", _ => "del" };
                md.Append(opens ? $"<{tag}>" : $"</{tag}>");
                continue;
            }
            // An opener right after a "*" closer would merge with it into one delimiter run
            // ("**a***b*"); "_" is the same emphasis and stays apart.
            if (opens) span.Delimiter = span.Kind == "strike" ? '~' : md.Length > 0 && md[^1] == '*' ? '_' : '*';
            var start = md.Length;
            md.Append(span.Delimiter, span.Kind == "italic" ? 1 : 2);
            delimiters.Add((start, md.Length, span, opens));
        }
        return (md.ToString(), delimiters);
    }

    /// CommonMark's test for a delimiter run: an opener must be left-flanking, a closer
    /// right-flanking, and "_" must not sit inside a word. The run is every delimiter of the same
    /// character next to this one ("***" closing two spans).
    private static bool Flanks(string md, bool[] isDelimiter, int start, int end, bool opens)
    {
        var c = md[start];
        while (start > 0 && isDelimiter[start - 1] && md[start - 1] == c) start--;
        while (end < md.Length && isDelimiter[end] && md[end] == c) end++;
        var before = start > 0 ? md[start - 1] : ' ';
        var after = end < md.Length ? md[end] : ' ';
        var left = !char.IsWhiteSpace(after) && (!Punctuation(after) || char.IsWhiteSpace(before) || Punctuation(before));
        var right = !char.IsWhiteSpace(before) && (!Punctuation(before) || char.IsWhiteSpace(after) || Punctuation(after));
        return opens
            ? left && (c != '_' || !right || Punctuation(before))
            : right && (c != '_' || !left || Punctuation(after));
    }

    private static bool Punctuation(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    /// A link destination: characters that would end or break it are backslash-escaped, spaces
    /// percent-encoded (a destination without angle brackets may hold none).
    private static string Destination(string url)
    {
        var d = new StringBuilder(url.Length);
        foreach (var c in url)
        {
            if (c is ' ') d.Append("%20");
            else if (c is '\\' or '(' or ')' or '<' or '>') d.Append('\\').Append(c);
            else if (!char.IsControl(c)) d.Append(c);
        }
        return d.ToString();
    }

    /// A code span's content is literal; its backtick string is longer than any run inside,
    /// padded with a space where the content starts or ends with a backtick.
    private static string CodeSpan(string text)
    {
        var ticks = new string('`', LongestRun(text, '`') + 1);
        var pad = text.StartsWith('`') || text.EndsWith('`') ? " " : "";
        return ticks + pad + text + pad + ticks;
    }

    /// Escapes what CommonMark would read as markup. Anywhere: \ ` * _ [ ] < ~ # and an "&" that
    /// starts an entity; at the start of a block also what opens one there: "-", "+", ">" and the
    /// "." or ")" after leading digits (an ordered list item).
    private static string Escape(string text, bool atStart)
    {
        var md = new StringBuilder(text.Length);
        var digits = atStart ? text.TakeWhile(char.IsAsciiDigit).Count() : 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var special = c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '~' or '#'
                || (c == '&' && StartsEntity(text, i))
                || (atStart && i == 0 && c is '-' or '+' or '>')
                || (digits > 0 && i == digits && c is '.' or ')');
            if (special) md.Append('\\');
            // A lone carriage return would end the line in Markdown.
            md.Append(c == '\r' ? ' ' : c);
        }
        return md.ToString();
    }

    private static bool StartsEntity(string text, int amp)
    {
        var i = amp + 1;
        if (i < text.Length && text[i] == '#') i++;
        var start = i;
        while (i < text.Length && char.IsAsciiLetterOrDigit(text[i])) i++;
        return i > start && i < text.Length && text[i] == ';';
    }

    public static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
