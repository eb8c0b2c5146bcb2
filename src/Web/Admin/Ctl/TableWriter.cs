using System.Text;

namespace AkkaCollab.Web.Admin.Ctl;

/// Aligned plain-text tables for people: a header row, then rows, columns padded to the widest cell.
public static class TableWriter
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => all.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine(string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Line(headers);
        foreach (var row in all)
        {
            Line(row);
        }
        return text.ToString();
    }
}
