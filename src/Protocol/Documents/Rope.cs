namespace AkkaCollab.Protocol.Documents;

// The persistent B-tree of runs behind RichTextDocument. The one primitive is
// Replace: swap the code units [start, end) for some pieces. It copies only
// the path from the root to the touched leaves (O(log n) nodes of at most
// MaxFanout children, plus the touched runs of at most MaxChunk
// units), so the cost of an edit does not grow with the document and old versions stay valid.
//   v1 root ──┬── B ──┬── run "Hello "   {bold}        v2 = v1.Apply(retain 8, insert "X")
//             │       └── run "wor"                    copies root, B and one run;
//   v2 root ──┼── B'──┬── run "Hello "   (shared)      the other subtrees are shared
//             │       └── run "woXr"
//             └── C  (shared by v1 and v2)
internal static class Rope
{
    // Longest text run, in UTF-16 code units: the most an edit copies per leaf. With a fanout
    // of 16 it replayed the editing traces fastest of 64/128/256 and fanouts 8/16/32
    // (docs/benchmarks.md).
    public const int MaxChunk = 128;

    public const int MaxFanout = 16;

    public const int MinFanout = 4;

    public static Branch? FromPieces(ReadOnlySpan<Piece> pieces)
    {
        var sequence = new PieceSequence(null, pieces, null);
        var runs = new RopeNode[RunNormalizer.Count(sequence)];
        RunNormalizer.Write(sequence, runs, 0);
        return runs.Length == 0 ? null : BuildUp(runs, 1);
    }

    // Returns the root of the rope with [start, end) replaced by insert.
    public static Branch? Replace(Branch? root, int start, int end, ReadOnlySpan<Piece> insert)
    {
        if (root is null)
        {
            return FromPieces(insert);
        }
        if (start == end && insert.IsEmpty)
        {
            return root;
        }
        var result = Edit(root, start, end, insert);
        switch (result.Count)
        {
            case 0:
                return null;
            case 1:
                var top = (Branch)result[0];
                // Collapse a root left with one child, so that deletes shrink the height too.
                while (top.Height > 1 && top.Children.Length == 1)
                {
                    top = (Branch)top.Children[0];
                }
                return top;
            default:
                return BuildUp(result.ToArray(), root.Height + 1);
        }
    }

    // Appends to into the pieces of [start, end), in order.
    public static void Collect(RopeNode node, int start, int end, List<Piece> into)
    {
        if (node is Run run)
        {
            into.Add(Piece.OfRun(run, start, end));
            return;
        }
        var offset = 0;
        foreach (var child in ((Branch)node).Children)
        {
            var childEnd = offset + child.Length;
            if (childEnd > start && offset < end)
            {
                Collect(child, Math.Max(start, offset) - offset, Math.Min(end, childEnd) - offset, into);
            }
            if (childEnd >= end)
            {
                break;
            }
            offset = childEnd;
        }
    }

    private static Branch BuildUp(RopeNode[] nodes, int height)
    {
        while (nodes.Length > MaxFanout)
        {
            var parents = Split(nodes, height);
            nodes = parents.ToArray();
            height++;
        }
        return new Branch(height, nodes);
    }

    private static Nodes Edit(Branch node, int start, int end, ReadOnlySpan<Piece> insert)
    {
        if (node.Height == 1)
        {
            return EditRuns(node, start, end, insert);
        }
        var children = node.Children;
        int i, offsetI, j, offsetJ;
        if (start == end)
        {
            // A pure insert at a boundary goes to the left child: typing appends to a run.
            i = Locate(children, start > 0 ? start - 1 : 0, 0, 0, out offsetI);
            j = i;
            offsetJ = offsetI;
        }
        else
        {
            i = Locate(children, start, 0, 0, out offsetI);
            j = Locate(children, end - 1, i, offsetI, out offsetJ);
        }
        Nodes left, right = default;
        var childI = (Branch)children[i];
        if (i == j)
        {
            left = Edit(childI, start - offsetI, end - offsetI, insert);
        }
        else
        {
            left = Edit(childI, start - offsetI, childI.Length, insert);
            right = Edit((Branch)children[j], 0, end - offsetJ, ReadOnlySpan<Piece>.Empty);
        }
        if (i == j && left.Count == 1 && !IsUnderfull(left[0]))
        {
            return new Nodes(node.WithChild(i, left[0], node.Length - childI.Length + left[0].Length));
        }
        var list = new List<RopeNode>(children.Length + left.Count + right.Count);
        for (var k = 0; k < i; k++)
        {
            list.Add(children[k]);
        }
        left.AddTo(list);
        right.AddTo(list);
        for (var k = j + 1; k < children.Length; k++)
        {
            list.Add(children[k]);
        }
        FixUnderflow(list, node.Height - 1);
        return Split(list.ToArray(), node.Height);
    }

    // The leaf-level edit: rebuilds the runs around [start, end), merging with both neighbours.
    private static Nodes EditRuns(Branch node, int start, int end, ReadOnlySpan<Piece> insert)
    {
        var children = node.Children;
        // The run holding the unit before start and the run holding the unit at end, so that
        // the new text merges with either neighbour when the attributes match.
        var i = Locate(children, start > 0 ? start - 1 : 0, 0, 0, out var offsetI);
        var runI = (Run)children[i];
        if (TryEditInsideRun(node, i, runI, start - offsetI, end - offsetI, insert) is { } edited)
        {
            return new Nodes(edited);
        }
        var j = end < node.Length ? Locate(children, end, i, offsetI, out var offsetJ) : LastIndex(children, out offsetJ);
        var runJ = (Run)children[j];
        Piece? prefix = start - offsetI > 0 ? Piece.OfRun(runI, 0, start - offsetI) : null;
        Piece? suffix = end - offsetJ < runJ.Length ? Piece.OfRun(runJ, end - offsetJ, runJ.Length) : null;
        var pieces = new PieceSequence(prefix, insert, suffix);
        var produced = RunNormalizer.Count(pieces);
        var after = children.Length - j - 1;
        var runs = new RopeNode[i + produced + after];
        children[..i].CopyTo(runs);
        var next = RunNormalizer.Write(pieces, runs, i);
        children[(j + 1)..].CopyTo(runs.AsSpan(next));
        if (runs.Length is > 0 and <= MaxFanout)
        {
            var inserted = 0;
            foreach (var piece in insert)
            {
                inserted += piece.Length;
            }
            return new Nodes(new Branch(1, runs, node.Length - (end - start) + inserted));
        }
        return Split(runs, 1);
    }

    // The fast path of a keystroke or a backspace: [from, to) lies inside one text run, at
    // most one piece is inserted, it has the run's attributes and the result still fits one
    // chunk. Then only that run is rebuilt: one string, one run and one branch (children inline).
    private static Branch? TryEditInsideRun(Branch node, int index, Run run, int from, int to, ReadOnlySpan<Piece> insert)
    {
        var text = run.Text;
        if (text is null || to > text.Length || insert.Length > 1)
        {
            return null;
        }
        if (insert.Length == 1 && (insert[0].IsEmbed || !RunNormalizer.SameAttributes(insert[0].Attributes, run.Attributes)))
        {
            return null;
        }
        var inserted = insert.IsEmpty ? ReadOnlySpan<char>.Empty : insert[0].Span;
        var length = text.Length - (to - from) + inserted.Length;
        if (length == 0 || length > MaxChunk)
        {
            return null;
        }
        var newText = string.Concat(text.AsSpan(0, from), inserted, text.AsSpan(to));
        return node.WithChild(index, Run.OfText(newText, run.Attributes), node.Length + length - text.Length);
    }

    private static int LastIndex(ReadOnlySpan<RopeNode> children, out int offset)
    {
        var last = children.Length - 1;
        offset = 0;
        for (var k = 0; k < last; k++)
        {
            offset += children[k].Length;
        }
        return last;
    }

    // Index of the child holding unit position, scanning from child from at fromOffset.
    private static int Locate(ReadOnlySpan<RopeNode> children, int position, int from, int fromOffset, out int offset)
    {
        offset = fromOffset;
        var last = children.Length - 1;
        for (var k = from; k < last; k++)
        {
            var length = children[k].Length;
            if (position < offset + length)
            {
                return k;
            }
            offset += length;
        }
        return last;
    }

    private static bool IsUnderfull(RopeNode node) => ((Branch)node).Children.Length < MinFanout;

    // Merges every underfull node of list (siblings of one height) into a neighbour.
    private static void FixUnderflow(List<RopeNode> list, int height)
    {
        for (var k = 0; k < list.Count && list.Count > 1;)
        {
            if (!IsUnderfull(list[k]))
            {
                k++;
                continue;
            }
            var a = k + 1 < list.Count ? k : k - 1;
            var merged = Merge((Branch)list[a], (Branch)list[a + 1], height);
            list[a] = merged[0];
            if (merged.Count == 2)
            {
                list[a + 1] = merged[1];
                k = a + 2;
            }
            else
            {
                list.RemoveAt(a + 1);
                k = a;
            }
        }
    }

    private static Nodes Merge(Branch x, Branch y, int height)
    {
        if (height == 1)
        {
            var combined = new RopeNode[x.Children.Length + y.Children.Length];
            x.Children.CopyTo(combined);
            y.Children.CopyTo(combined.AsSpan(x.Children.Length));
            return Split(MergeSeam(combined, x.Children.Length), height);
        }
        // An underfull node may hold a lone underfull child (nothing to merge it with until
        // now): fix the combined children too.
        var children = new List<RopeNode>(x.Children.Length + y.Children.Length);
        foreach (var child in x.Children)
        {
            children.Add(child);
        }
        foreach (var child in y.Children)
        {
            children.Add(child);
        }
        FixUnderflow(children, height - 1);
        return Split(children.ToArray(), height);
    }

    // Joins the two runs meeting at seam when they would be one run in a delta and fit a chunk.
    private static RopeNode[] MergeSeam(RopeNode[] runs, int seam)
    {
        var left = (Run)runs[seam - 1];
        var right = (Run)runs[seam];
        if (left.Text is null || right.Text is null || left.Length + right.Length > MaxChunk
            || !RunNormalizer.SameAttributes(left.Attributes, right.Attributes))
        {
            return runs;
        }
        var result = new RopeNode[runs.Length - 1];
        Array.Copy(runs, result, seam - 1);
        result[seam - 1] = Run.OfText(left.Text + right.Text, left.Attributes);
        Array.Copy(runs, seam + 1, result, seam, runs.Length - seam - 1);
        return result;
    }

    // Groups same-height nodes into as few parents as fit, each between half full and full.
    private static Nodes Split(RopeNode[] nodes, int height)
    {
        if (nodes.Length == 0)
        {
            return default;
        }
        if (nodes.Length <= MaxFanout)
        {
            return new Nodes(new Branch(height, nodes));
        }
        var groups = (nodes.Length + MaxFanout - 1) / MaxFanout;
        var size = nodes.Length / groups;
        var larger = nodes.Length % groups;
        var parents = new RopeNode[groups];
        var offset = 0;
        for (var g = 0; g < groups; g++)
        {
            var length = size + (g < larger ? 1 : 0);
            parents[g] = new Branch(height, nodes.AsSpan(offset, length));
            offset += length;
        }
        return new Nodes(parents);
    }

    // Zero, one or several sibling nodes; one node needs no array.
    private readonly struct Nodes
    {
        private readonly RopeNode? single;
        private readonly RopeNode[]? many;

        public Nodes(RopeNode node) => single = node;

        public Nodes(RopeNode[] nodes) => many = nodes;

        public int Count => many?.Length ?? (single is null ? 0 : 1);

        public RopeNode this[int index] => many is null ? single! : many[index];

        public RopeNode[] ToArray() => many ?? (single is null ? [] : [single]);

        public void AddTo(List<RopeNode> list)
        {
            if (many is not null)
            {
                list.AddRange(many);
            }
            else if (single is not null)
            {
                list.Add(single);
            }
        }
    }
}
