using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Documents;

/// <summary>
/// A leaf: one text chunk (at most <see cref="Rope.MaxChunk"/> code units) or one embed, with
/// one set of attributes.
/// </summary>
internal sealed class Run : RopeNode
{
    private Run(string? text, Embed? embed, AttributeMap? attributes, int length)
        : base(length)
    {
        Text = text;
        Embed = embed;
        Attributes = attributes;
    }

    /// <summary>The text, or null when this run is an embed.</summary>
    public string? Text { get; }

    /// <summary>The embed, or null when this run is text.</summary>
    public Embed? Embed { get; }

    public AttributeMap? Attributes { get; }

    public static Run OfText(string text, AttributeMap? attributes) => new(text, null, attributes, text.Length);

    public static Run OfEmbed(Embed embed, AttributeMap? attributes) => new(null, embed, attributes, 1);
}
