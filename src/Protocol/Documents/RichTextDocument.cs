using System.Runtime.CompilerServices;
using System.Text;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Documents;

/// <summary>
/// An immutable rich-text document (a Quill document: text and embeds with formats) kept in a
/// persistent B-tree of runs. <see cref="Apply"/> gives exactly what
/// <c>ToDelta().Compose(change)</c> gives, but its cost grows with the size of the change and
/// the logarithm of the document, not with the document: it copies only the path to the
/// touched runs, and every earlier version stays valid and shares the rest.
/// </summary>
public sealed class RichTextDocument
{
    private readonly Branch? root;

    private RichTextDocument(Branch? root) => this.root = root;

    /// <summary>The empty document.</summary>
    public static RichTextDocument Empty { get; } = new(null);

    // The rope itself, for the invariant checks of the tests.
    internal Branch? Root => root;

    /// <summary>The length in UTF-16 code units (an embed counts 1), like quill-delta's length().</summary>
    public int Length => root?.Length ?? 0;

    /// <summary>Builds a document from a delta of inserts.</summary>
    /// <exception cref="ArgumentException">The delta has a retain or a delete (it is not a document).</exception>
    public static RichTextDocument FromDelta(Delta document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.IsDocument)
        {
            throw new ArgumentException("a document delta must contain inserts only", nameof(document));
        }
        var ops = document.RawOps;
        var pieces = new Piece[ops.Length];
        for (var k = 0; k < ops.Length; k++)
        {
            pieces[k] = ToPiece((InsertOp)ops[k]);
        }
        var built = Rope.FromPieces(pieces);
        return built is null ? Empty : new RichTextDocument(built);
    }

    /// <summary>
    /// Applies a change: the result equals <c>ToDelta().Compose(change)</c>. This document is
    /// unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The change retains or deletes past the end (its <see cref="Delta.BaseLength"/> exceeds <see cref="Length"/>).
    /// </exception>
    public RichTextDocument Apply(Delta change)
    {
        ArgumentNullException.ThrowIfNull(change);
        // The fit (BaseLength <= Length) is checked on the way, before each step that reads
        // the rope: a change that does not fit throws, and this document is unchanged anyway.
        var ops = change.RawOps;
        var node = root;
        var cursor = 0;
        // Consecutive inserts and the deletes after them become one replace: a typical
        // "replace selection" costs one walk down the tree instead of two.
        var pendingFrom = 0;
        var pendingInserts = 0;
        var pendingInsertLength = 0;
        var pendingDelete = 0;
        for (var k = 0; k < ops.Length; k++)
        {
            switch (ops[k])
            {
                case InsertOp insert:
                    if (pendingDelete > 0)
                    {
                        node = Flush(change, node, pendingFrom, pendingInserts, cursor, pendingDelete);
                        cursor += pendingInsertLength;
                        (pendingInserts, pendingInsertLength, pendingDelete) = (0, 0, 0);
                    }
                    if (pendingInserts == 0)
                    {
                        pendingFrom = k;
                    }
                    pendingInserts++;
                    pendingInsertLength += insert.Length;
                    break;
                case DeleteOp delete:
                    pendingDelete += delete.Count;
                    break;
                case RetainOp retain:
                    node = Flush(change, node, pendingFrom, pendingInserts, cursor, pendingDelete);
                    cursor += pendingInsertLength;
                    (pendingInserts, pendingInsertLength, pendingDelete) = (0, 0, 0);
                    if ((long)cursor + retain.Count > (node?.Length ?? 0))
                    {
                        throw DoesNotFit(change);
                    }
                    if (retain.Attributes is not null)
                    {
                        node = Format(node!, cursor, cursor + retain.Count, retain.Attributes);
                    }
                    cursor += retain.Count;
                    break;
            }
        }
        node = Flush(change, node, pendingFrom, pendingInserts, cursor, pendingDelete);
        return ReferenceEquals(node, root) ? this : node is null ? Empty : new RichTextDocument(node);
    }

    /// <summary>The document as a normalized delta of inserts, exactly as quill-delta would hold it.</summary>
    public Delta ToDelta() => Slice(0, Length);

    /// <summary>The part [start, end) as a document delta; end is clamped to <see cref="Length"/>, like quill-delta's slice.</summary>
    /// <exception cref="ArgumentOutOfRangeException">start is negative or end is before start.</exception>
    public Delta Slice(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        end = Math.Min(end, Length);
        if (root is null || start >= end)
        {
            return Delta.Empty;
        }
        var pieces = new List<Piece>();
        Rope.Collect(root, start, end, pieces);
        var builder = new DeltaBuilder(pieces.Count);
        var text = new StringBuilder();
        // Runs split only to bound leaf size are joined here, so the delta holds one insert per
        // stretch of equal formats (building the strings once instead of concatenating per run).
        for (var k = 0; k < pieces.Count;)
        {
            var piece = pieces[k];
            if (piece.IsEmbed)
            {
                builder.Insert(piece.Embed!, piece.Attributes);
                k++;
                continue;
            }
            var b = k + 1;
            while (b < pieces.Count && !pieces[b].IsEmbed && RunNormalizer.SameAttributes(piece.Attributes, pieces[b].Attributes))
            {
                b++;
            }
            string joined;
            if (b == k + 1)
            {
                joined = piece.Whole?.Text ?? piece.Span.ToString();
            }
            else
            {
                text.Clear();
                for (var m = k; m < b; m++)
                {
                    text.Append(pieces[m].Span);
                }
                joined = text.ToString();
            }
            builder.Insert(joined, piece.Attributes);
            k = b;
        }
        return builder.ToDelta();
    }

    /// <summary>The text with embeds skipped (what <see cref="Delta.PlainText"/> gives for <see cref="ToDelta"/>).</summary>
    public string PlainText()
    {
        if (root is null)
        {
            return string.Empty;
        }
        var text = new StringBuilder(root.Length);
        AppendText(root, text);
        return text.ToString();
    }

    private static void AppendText(RopeNode node, StringBuilder text)
    {
        if (node is Run run)
        {
            text.Append(run.Text);
            return;
        }
        foreach (var child in ((Branch)node).Children)
        {
            AppendText(child, text);
        }
    }

    private static Piece ToPiece(InsertOp insert) =>
        insert.Text is { } text ? Piece.OfText(text, insert.Attributes) : Piece.OfEmbed(insert.Embed!, insert.Attributes);

    // Replaces [cursor, cursor + delete) with the inserts ops[from .. from + count).
    private Branch? Flush(Delta change, Branch? node, int from, int count, int cursor, int delete)
    {
        if (count == 0 && delete == 0)
        {
            return node;
        }
        if ((long)cursor + delete > (node?.Length ?? 0))
        {
            throw DoesNotFit(change);
        }
        var ops = change.RawOps;
        if (count == 1)
        {
            var single = ToPiece((InsertOp)ops[from]);
            return Rope.Replace(node, cursor, cursor + delete, new ReadOnlySpan<Piece>(in single));
        }
        // Most changes insert one or two runs: keep their pieces on the stack.
        var buffer = default(PieceBuffer);
        Span<Piece> pieces = count <= PieceBuffer.Size ? buffer[..count] : new Piece[count];
        for (var k = 0; k < count; k++)
        {
            pieces[k] = ToPiece((InsertOp)ops[from + k]);
        }
        return Rope.Replace(node, cursor, cursor + delete, pieces);
    }

    private ArgumentException DoesNotFit(Delta change) =>
        new($"the change retains or deletes {change.BaseLength()} characters but the document has only {Length}", nameof(change));

    // Composes the attributes of a retain onto [start, end), as quill-delta's compose does for a document.
    private static Branch? Format(Branch node, int start, int end, AttributeMap attributes)
    {
        var pieces = new List<Piece>();
        Rope.Collect(node, start, end, pieces);
        var changed = false;
        for (var k = 0; k < pieces.Count; k++)
        {
            var piece = pieces[k];
            // keepNull = false: on a document a null value removes the format.
            var composed = AttributeMap.Compose(piece.Attributes, attributes, keepNull: false);
            if (!RunNormalizer.SameAttributes(composed, piece.Attributes))
            {
                pieces[k] = piece.WithAttributes(composed);
                changed = true;
            }
        }
        return changed ? Rope.Replace(node, start, end, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pieces)) : node;
    }

    [InlineArray(Size)]
    private struct PieceBuffer
    {
        public const int Size = 4;

        private Piece element;
    }
}
