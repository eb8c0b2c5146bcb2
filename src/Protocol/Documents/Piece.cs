using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Documents;

// A stretch of content on its way into the rope: a slice of a text, or one embed, with
// attributes. Whole is set when the piece is exactly an existing run, so the
// run can be reused instead of copied.
internal readonly struct Piece
{
    private Piece(Run? whole, string? text, int start, int length, Embed? embed, AttributeMap? attributes)
    {
        Whole = whole;
        Text = text;
        Start = start;
        Length = length;
        Embed = embed;
        Attributes = attributes;
    }

    public Run? Whole { get; }

    public string? Text { get; }

    public int Start { get; }

    public int Length { get; }

    public Embed? Embed { get; }

    public AttributeMap? Attributes { get; }

    public bool IsEmbed => Embed is not null;

    public ReadOnlySpan<char> Span => Text.AsSpan(Start, Length);

    public static Piece OfText(string text, AttributeMap? attributes) => new(null, text, 0, text.Length, null, attributes);

    public static Piece OfEmbed(Embed embed, AttributeMap? attributes) => new(null, null, 0, 1, embed, attributes);

    public static Piece OfRun(Run run) => new(run, run.Text, 0, run.Length, run.Embed, run.Attributes);

    // The code units [from, to) of a run (an embed run is only ever taken whole).
    public static Piece OfRun(Run run, int from, int to) =>
        from == 0 && to == run.Length ? OfRun(run) : new(null, run.Text, from, to - from, null, run.Attributes);

    public Piece WithAttributes(AttributeMap? attributes) => new(null, Text, Start, Length, Embed, attributes);
}

// The pieces of one leaf-level edit without copying them into an array: what is kept of
// the first touched run, the inserted pieces, and what is kept of the last touched run.
internal readonly ref struct PieceSequence
{
    private readonly Piece prefix;
    private readonly ReadOnlySpan<Piece> middle;
    private readonly Piece suffix;
    private readonly int prefixCount;

    public PieceSequence(Piece? prefix, ReadOnlySpan<Piece> middle, Piece? suffix)
    {
        prefixCount = prefix is null ? 0 : 1;
        this.prefix = prefix.GetValueOrDefault();
        this.middle = middle;
        this.suffix = suffix.GetValueOrDefault();
        Count = prefixCount + middle.Length + (suffix is null ? 0 : 1);
    }

    public int Count { get; }

    public Piece this[int index] =>
        index < prefixCount ? prefix
        : index - prefixCount < middle.Length ? middle[index - prefixCount]
        : suffix;
}
