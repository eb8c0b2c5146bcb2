using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Node.Tests.Infrastructure;

// Random but valid edits of a document: inserts (some bold), deletes and format changes.
public static class RandomEdits
{
    private const string Alphabet = "abcxyz \n";

    public static Delta Next(Random rng, Delta document)
    {
        var length = document.Length();
        var position = rng.Next(length + 1);
        var kind = length == 0 ? 0 : rng.Next(4);
        var change = Delta.Empty.Retain(position);
        switch (kind)
        {
            case 0 or 1:
                var text = new string([.. Enumerable.Range(0, rng.Next(1, 4)).Select(_ => Alphabet[rng.Next(Alphabet.Length)])]);
                return change.Insert(text, rng.Next(3) == 0 ? AttributeMap.From(("bold", true)) : null);
            case 2:
                return position == length ? Delta.Empty.Delete(1) : change.Delete(Math.Min(length - position, rng.Next(1, 4)));
            default:
                var span = Math.Max(1, Math.Min(length - position, rng.Next(1, 5)));
                var format = rng.Next(2) == 0 ? AttributeMap.From(("italic", true)) : AttributeMap.From(("italic", null));
                return position == length ? Delta.Empty.Retain(1, format) : change.Retain(span, format);
        }
    }
}
