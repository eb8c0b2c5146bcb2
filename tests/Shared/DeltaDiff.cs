using System.Text;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Tests.Shared;

// Diff: like quill-delta, diff the two documents' texts (an embed is one placeholder char)
// with the fast-diff algorithm, then walk both documents along the text diff. Only tests
// (the differential tests against quill-delta, the algebra's properties) need it.
internal static class DeltaDiff
{
    private const char EmbedPlaceholder = '\0';

    /// <summary>
    /// The change that turns this document into <paramref name="other"/>:
    /// <c>a.Compose(a.Diff(b)) == b</c>. Both deltas must be documents (inserts only).
    /// </summary>
    /// <exception cref="InvalidOperationException">This delta or other is not a document.</exception>
    public static Delta Diff(this Delta self, Delta other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(self.RawOps, other.RawOps))
        {
            return Delta.Empty;
        }
        var thisText = DiffText(self, "with");
        var otherText = DiffText(other, "on");
        if (self.Equals(other))
        {
            // What the text diff would conclude anyway: every op retained, no attribute changes.
            return Delta.Empty;
        }
        var builder = new DeltaBuilder();
        var thisIter = new OpIterator(self.RawOps);
        var otherIter = new OpIterator(other.RawOps);
        foreach (var (kind, text) in TextDiff.Compute(thisText, otherText))
        {
            var length = text.Length;
            while (length > 0)
            {
                int opLength;
                switch (kind)
                {
                    case TextDiff.Insert:
                        opLength = Math.Min(otherIter.PeekLength(), length);
                        builder.Push(otherIter.Next(opLength));
                        break;
                    case TextDiff.Delete:
                        opLength = Math.Min(length, thisIter.PeekLength());
                        thisIter.Next(opLength);
                        builder.Delete(opLength);
                        break;
                    default:
                        opLength = Math.Min(Math.Min(thisIter.PeekLength(), otherIter.PeekLength()), length);
                        var thisOp = (InsertOp)thisIter.Next(opLength);
                        var otherOp = (InsertOp)otherIter.Next(opLength);
                        if (thisOp.Text == otherOp.Text && Equals(thisOp.Embed, otherOp.Embed))
                        {
                            builder.Retain(opLength, AttributeMap.Diff(thisOp.Attributes, otherOp.Attributes));
                        }
                        else
                        {
                            // Same placeholder text but different content (an embed vs "\0" or another embed).
                            builder.Push(otherOp).Delete(opLength);
                        }
                        break;
                }
                length -= opLength;
            }
        }
        return builder.Chop().Build();
    }

    private static string DiffText(Delta delta, string preposition)
    {
        var text = new StringBuilder(delta.Length());
        foreach (var op in delta.RawOps)
        {
            if (op is not InsertOp insert)
            {
                throw new InvalidOperationException($"diff() called {preposition} non-document");
            }
            if (insert.Text is { } s)
            {
                text.Append(s);
            }
            else
            {
                text.Append(EmbedPlaceholder);
            }
        }
        return text.ToString();
    }
}
