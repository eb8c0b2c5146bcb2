using System.Buffers;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Documents;

// Turns a sequence of pieces into leaf runs of at most Rope.MaxChunk code units.
// Adjacent text pieces with equal attributes are joined greedily while they fit one chunk;
// a piece that is already a whole run and cannot join its neighbours is reused, not copied,
// so an edit copies at most about two chunks whatever the document. A piece longer than a
// chunk (a paste) is split evenly. Chunks split by code units, like quill-delta, even inside
// a surrogate pair. Runs left unjoined only because of the chunk limit are joined again
// when the document is read back as a delta.
internal static class RunNormalizer
{
    public static bool SameAttributes(AttributeMap? a, AttributeMap? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Equals(b));

    // How many runs Write produces for these pieces.
    public static int Count(in PieceSequence pieces) => Emit(pieces, null, 0);

    // Writes the runs into destination from index; returns the next index.
    public static int Write(in PieceSequence pieces, RopeNode[] destination, int index) => Emit(pieces, destination, index);

    private static int Emit(in PieceSequence pieces, RopeNode[]? destination, int index)
    {
        for (var a = 0; a < pieces.Count;)
        {
            var first = pieces[a];
            if (first.IsEmbed)
            {
                if (destination is not null)
                {
                    destination[index] = first.Whole ?? Run.OfEmbed(first.Embed!, first.Attributes);
                }
                index++;
                a++;
                continue;
            }
            if (first.Length > Rope.MaxChunk)
            {
                index = WriteChunks(first, destination, index);
                a++;
                continue;
            }
            var b = a + 1;
            var total = first.Length;
            while (b < pieces.Count)
            {
                var next = pieces[b];
                if (next.IsEmbed || total + next.Length > Rope.MaxChunk || !SameAttributes(first.Attributes, next.Attributes))
                {
                    break;
                }
                total += next.Length;
                b++;
            }
            if (destination is not null)
            {
                destination[index] = b == a + 1 ? first.Whole ?? Run.OfText(Substring(first), first.Attributes)
                    : Run.OfText(Concat(pieces, a, b, total), first.Attributes);
            }
            index++;
            a = b;
        }
        return index;
    }

    // Splits a long piece evenly: 300 units become 100 + 100 + 100, not 128 + 128 + 44.
    private static int WriteChunks(Piece piece, RopeNode[]? destination, int index)
    {
        var chunks = (piece.Length + Rope.MaxChunk - 1) / Rope.MaxChunk;
        if (destination is null)
        {
            return index + chunks;
        }
        var size = piece.Length / chunks;
        var larger = piece.Length % chunks;
        var offset = piece.Start;
        for (var c = 0; c < chunks; c++)
        {
            var length = size + (c < larger ? 1 : 0);
            destination[index++] = Run.OfText(piece.Text!.Substring(offset, length), piece.Attributes);
            offset += length;
        }
        return index;
    }

    private static string Substring(Piece piece)
    {
        var text = piece.Text!;
        return piece.Start == 0 && piece.Length == text.Length ? text : text.Substring(piece.Start, piece.Length);
    }

    private static string Concat(in PieceSequence pieces, int a, int b, int total)
    {
        switch (b - a)
        {
            case 2:
                return string.Concat(pieces[a].Span, pieces[a + 1].Span);
            case 3:
                return string.Concat(pieces[a].Span, pieces[a + 1].Span, pieces[a + 2].Span);
        }
        var buffer = ArrayPool<char>.Shared.Rent(total);
        try
        {
            var written = 0;
            for (var k = a; k < b; k++)
            {
                var span = pieces[k].Span;
                span.CopyTo(buffer.AsSpan(written));
                written += span.Length;
            }
            return new string(buffer, 0, total);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
