namespace AkkaCollab.Protocol.Documents;

// Checks the structural invariants of a rope; the tests call it after every edit.
internal static class RopeInvariants
{
    // The height of the tree (0 for the empty document).
    public static int Height(RichTextDocument document) => document.Root?.Height ?? 0;

    // The first broken invariant, or null when the rope is well formed.
    public static string? FirstViolation(RichTextDocument document) => Check(document.Root, isRoot: true, "root");

    private static string? Check(RopeNode? node, bool isRoot, string path)
    {
        switch (node)
        {
            case null:
                return isRoot ? null : $"{path}: missing node";
            case Run run:
                if (run.Text is not null && (run.Text.Length == 0 || run.Text.Length > Rope.MaxChunk))
                {
                    return $"{path}: text run of {run.Text.Length} units (must be 1..{Rope.MaxChunk})";
                }
                return run.Attributes is { Count: 0 } ? $"{path}: empty attributes instead of null" : null;
            case Branch branch:
                var children = branch.Children;
                if (children.Length == 0 || children.Length > Rope.MaxFanout || (!isRoot && children.Length < Rope.MinFanout))
                {
                    return $"{path}: {children.Length} children (must be {(isRoot ? 1 : Rope.MinFanout)}..{Rope.MaxFanout})";
                }
                var sum = 0;
                for (var k = 0; k < children.Length; k++)
                {
                    var child = children[k];
                    var height = child is Branch b ? b.Height : 0;
                    if (height != branch.Height - 1)
                    {
                        return $"{path}/{k}: height {height} under a branch of height {branch.Height}";
                    }
                    sum += child.Length;
                    if (Check(child, isRoot: false, $"{path}/{k}") is { } violation)
                    {
                        return violation;
                    }
                }
                return sum == branch.Length ? null : $"{path}: length {branch.Length} but children sum to {sum}";
            default:
                return $"{path}: unknown node {node.GetType().Name}";
        }
    }
}
