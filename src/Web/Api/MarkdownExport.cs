using System.Text;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Web.Api.DeltaLines;

namespace AkkaCollab.Web.Api;

/// Renders a document Delta as CommonMark (plus GFM's ~~strike~~ and task list items, which
/// Quill has and CommonMark lacks). Every Quill line is its own block, so paragraphs, headings
/// and quotes are separated by a blank line and list items by none. User text is escaped so that
/// it reads back as the same literal text: nothing typed can become markup.
///
/// What Markdown cannot say is left out, never approximated: empty lines (Markdown collapses
/// them), leading and trailing spaces of a line, underline, sub/superscript, colors and sizes,
/// indentation outside lists, unsafe links (the text stays) and every embed except an image
/// with a safe source (video and formula embeds are dropped).
public static class MarkdownExport
{
    public static string Render(Delta document)
    {
        var md = new StringBuilder();
        var lists = new ListNesting();
        var previous = Block.None;
        List<Line> code = [];
        foreach (var line in DeltaLines.Of(document))
        {
            // Consecutive code lines are one block until the language changes (Quill shows two).
            if (code.Count > 0 && (!line.IsCodeBlock || Language(line) != Language(code[0])))
            {
                previous = Fenced(md, code, previous);
                code = [];
            }
            if (line.IsCodeBlock)
            {
                code.Add(line);
                continue;
            }
            var inline = Inline(line.Runs);
            if (line.List is { } list)
            {
                Separate(md, previous, Block.ListItem);
                var (indent, marker) = lists.Item(list, line.Indent);
                md.Append(' ', indent).Append(marker);
                if (inline.Length > 0) md.Append(' ').Append(inline);
                previous = Block.ListItem;
                continue;
            }
            // A list ends at any other block; a later one numbers from 1 again.
            lists.Clear();
            if (line.Header is { } level)
            {
                Separate(md, previous, Block.Heading);
                md.Append('#', level);
                if (inline.Length > 0) md.Append(' ').Append(inline);
                previous = Block.Heading;
            }
            else if (inline.Length == 0)
            {
                // An empty line: Markdown has no empty paragraph, blank lines only separate blocks.
            }
            else if (line.IsBlockquote)
            {
                Separate(md, previous, Block.Quote);
                md.Append("> ").Append(inline);
                previous = Block.Quote;
            }
            else
            {
                Separate(md, previous, Block.Paragraph);
                md.Append(inline);
                previous = Block.Paragraph;
            }
        }
        if (code.Count > 0) Fenced(md, code, previous);
        if (md.Length > 0) md.Append('\n');
        return md.ToString();
    }

    private enum Block { None, Paragraph, Heading, Quote, ListItem, Code }

    private static void Separate(StringBuilder md, Block previous, Block next)
    {
        if (previous == Block.None) return;
        md.Append(
            previous == next && next == Block.ListItem ? "\n"
            // Quill's quote lines stay separate paragraphs of one quote.
            : previous == next && next == Block.Quote ? "\n>\n"
            : "\n\n");
    }

    /// One fenced block for consecutive code lines, its fence longer than any backtick run in
    /// them (so no line can close it); a language Quill names becomes the info string.
    private static Block Fenced(StringBuilder md, List<Line> lines, Block previous)
    {
        // After a list, a fence needs no indentation to end it: a blank line and column 0 do.
        Separate(md, previous, Block.Code);
        var body = string.Join('\n', lines.Select(l => string.Concat(l.Runs.Select(r => r.Text ?? ""))));
        var fence = new string('`', Math.Max(3, LongestRun(body, '`') + 1));
        md.Append(fence).Append(Language(lines[0])).Append('\n').Append(body).Append('\n').Append(fence);
        return Block.Code;
    }

    /// The info string for a code line: the language Quill's syntax module names, if any.
    private static string Language(Line line) =>
        Str(line.Format, "code-block") is { } name && name != "plain" && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+') ? name : "";

    /// Item markers and indentation per nesting level: a nested item is indented to the text of
    /// its parent item (2 after "- ", 3 after "1. ", 4 after "10. "), which is what makes it a
    /// child in CommonMark. A level Quill skips (indent 2 under indent 0) nests one level.
    private sealed class ListNesting
    {
        private readonly List<(string Kind, int Number, int ContentColumn)> _levels = [];

        public (int Indent, string Marker) Item(string kind, int indent)
        {
            var level = Math.Min(indent, _levels.Count);
            if (level < _levels.Count && _levels[level].Kind != kind) _levels.RemoveRange(level, _levels.Count - level);
            var number = level < _levels.Count ? _levels[level].Number + 1 : 1;
            if (level < _levels.Count) _levels.RemoveRange(level, _levels.Count - level);
            var column = level == 0 ? 0 : _levels[level - 1].ContentColumn;
            var marker = kind switch
            {
                "ordered" => $"{number}.",
                "checked" => "- [x]",
                "unchecked" => "- [ ]",
                _ => "-",
            };
            // The text of a task item starts after "- ", the box is part of it.
            _levels.Add((kind, number, column + (kind == "ordered" ? marker.Length + 1 : 2)));
            return (column, marker);
        }

        public void Clear() => _levels.Clear();
    }

    /// A line's runs as inline Markdown. Emphasis delimiters open and close around the runs that
    /// carry them, kept as a stack so that nesting is proper (**a *b*** rather than **a*****b***),
    /// and never next to a space: "**bold **" is not bold in CommonMark, so spaces stay outside.
    private static string Inline(List<InsertOp> runs)
    {
        var md = new StringBuilder();
        var open = new List<(string Key, string Close)>();
        var spaces = new StringBuilder();
        foreach (var run in runs)
        {
            var wanted = Wanted(run.Attributes);
            var text = run.Text;
            var core = text?.Trim(' ', '\t') ?? "";
            if (text is not null && core.Length == 0)
            {
                spaces.Append(text);
                continue;
            }
            var lead = text is null ? "" : text[..(text.Length - text.TrimStart(' ', '\t').Length)];
            var trail = text is null ? "" : text[text.TrimEnd(' ', '\t').Length..];
            spaces.Append(lead);
            // Close down to the longest prefix of the stack that the run keeps, then open the rest.
            var keep = 0;
            while (keep < open.Count && keep < wanted.Count && open[keep].Key == wanted[keep].Key) keep++;
            while (open.Count > keep)
            {
                md.Append(open[^1].Close);
                open.RemoveAt(open.Count - 1);
            }
            if (md.Length > 0) md.Append(spaces);
            spaces.Clear();
            foreach (var (key, opener, close) in wanted.Skip(keep))
            {
                // "!" right before "[" would make the link an image.
                if (opener == "[" && md.Length > 0 && md[^1] == '!') md.Insert(md.Length - 1, '\\');
                // A "*" opener right after a "*" would merge into one delimiter run ("**a***b*");
                // "_" is the same emphasis and stays apart.
                var underscore = opener[0] == '*' && md.Length > 0 && md[^1] == '*';
                md.Append(underscore ? opener.Replace('*', '_') : opener);
                open.Add((key, underscore ? close.Replace('*', '_') : close));
            }
            if (text is not null)
            {
                if (On(run.Attributes, "code")) CodeSpan(md, core);
                else Escape(md, core);
            }
            else if (run.Embed is { Type: "image" } image && SafeSource(image) is { } src)
            {
                md.Append("![](").Append(Destination(src)).Append(')');
            }
            // Any other embed (video, formula, unknown) has no Markdown form and is dropped.
            spaces.Append(trail);
        }
        while (open.Count > 0)
        {
            md.Append(open[^1].Close);
            open.RemoveAt(open.Count - 1);
        }
        return md.ToString();
    }

    /// The delimiters a run needs, outermost first: the link encloses the emphasis.
    private static List<(string Key, string Open, string Close)> Wanted(AttributeMap? a)
    {
        var wanted = new List<(string, string, string)>();
        if (SafeLink(a) is { } href) wanted.Add(("link " + href, "[", "](" + Destination(href) + ")"));
        if (On(a, "bold")) wanted.Add(("bold", "**", "**"));
        if (On(a, "italic")) wanted.Add(("italic", "*", "*"));
        if (On(a, "strike")) wanted.Add(("strike", "~~", "~~"));
        return wanted;
    }

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
    private static void CodeSpan(StringBuilder md, string text)
    {
        var ticks = new string('`', LongestRun(text, '`') + 1);
        var pad = text.StartsWith('`') || text.EndsWith('`') ? " " : "";
        md.Append(ticks).Append(pad).Append(text).Append(pad).Append(ticks);
    }

    /// Escapes what CommonMark would read as markup. Anywhere: \ ` * _ [ ] < ~ # and an "&" that
    /// starts an entity; at the start of a block also what opens one there: "-", "+", ">" and the
    /// "." or ")" after leading digits (an ordered list item).
    private static void Escape(StringBuilder md, string text)
    {
        var atStart = md.Length == 0;
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
    }

    private static bool StartsEntity(string text, int amp)
    {
        var i = amp + 1;
        if (i < text.Length && text[i] == '#') i++;
        var start = i;
        while (i < text.Length && char.IsAsciiLetterOrDigit(text[i])) i++;
        return i > start && i < text.Length && text[i] == ';';
    }

    private static int LongestRun(string text, char c)
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
