namespace AkkaCollab.Protocol.Documents;

/// <summary>
/// A node of the persistent rope behind <see cref="RichTextDocument"/>. Nodes are never
/// mutated after construction, so every document version can share them.
/// </summary>
internal abstract class RopeNode
{
    protected RopeNode(int length) => Length = length;

    /// <summary>Length of the subtree in UTF-16 code units (an embed counts 1).</summary>
    public int Length { get; }
}
