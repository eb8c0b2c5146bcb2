using System.Text;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Web.Api.DeltaLines;

namespace AkkaCollab.Web.Api;

/// Renders a document Delta as CommonMark (plus GFM's ~~strike~~ and task list items, which
/// Quill has and CommonMark lacks). Every Quill line is its own block, so paragraphs, headings
/// and quotes are separated by a blank line and list items by none. User text is escaped so that
/// it reads back as the same literal text: nothing typed can become markup (inline rules in
/// MarkdownInline).
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
            var inline = MarkdownInline.Render(line.Runs);
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
        var fence = new string('`', Math.Max(3, MarkdownInline.LongestRun(body, '`') + 1));
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
}
