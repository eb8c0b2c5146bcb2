using System.Runtime.CompilerServices;

namespace AkkaCollab.Protocol.Documents;

// An inner node. Every child of a branch has the same height; height 1 means the children
// are Runs. Children counts stay within [Rope.MinFanout,
// Rope.MaxFanout] except at the root, which keeps the depth logarithmic.
// The children live inline in the object: copying a branch on the path of an edit is one
// allocation, not two.
internal sealed class Branch : RopeNode
{
    private readonly int count;
    private ChildArray children;

    public Branch(int height, ReadOnlySpan<RopeNode> children)
        : this(height, children, SumLengths(children))
    {
    }

    // A branch whose length the caller already knows (saves a pass over the children).
    public Branch(int height, ReadOnlySpan<RopeNode> children, int length)
        : base(length)
    {
        Height = height;
        count = children.Length;
        children.CopyTo(this.children);
    }

    private Branch(Branch source, int index, RopeNode child, int length)
        : base(length)
    {
        Height = source.Height;
        count = source.count;
        children = source.children;
        children[index] = child;
    }

    public int Height { get; }

    public ReadOnlySpan<RopeNode> Children => ((ReadOnlySpan<RopeNode>)children)[..count];

    // A copy with child index replaced; the new length is the caller's.
    public Branch WithChild(int index, RopeNode child, int length) => new(this, index, child, length);

    private static int SumLengths(ReadOnlySpan<RopeNode> children)
    {
        var sum = 0;
        foreach (var child in children)
        {
            sum += child.Length;
        }
        return sum;
    }

    [InlineArray(Rope.MaxFanout)]
    private struct ChildArray
    {
        private RopeNode element;
    }
}
