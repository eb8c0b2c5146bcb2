namespace AkkaCollab.Protocol.Documents;

// A node of the persistent rope behind RichTextDocument. Nodes are never
// mutated after construction, so every document version can share them.
internal abstract class RopeNode
{
    protected RopeNode(int length) => Length = length;

    // Length of the subtree in UTF-16 code units (an embed counts 1).
    public int Length { get; }
}
