using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Documents;

// A leaf: one text chunk (at most Rope.MaxChunk code units) or one embed, with
// one set of attributes.
internal sealed class Run : RopeNode
{
    private Run(string? text, Embed? embed, AttributeMap? attributes, int length)
        : base(length)
    {
        Text = text;
        Embed = embed;
        Attributes = attributes;
    }

    // The text, or null when this run is an embed.
    public string? Text { get; }

    // The embed, or null when this run is text.
    public Embed? Embed { get; }

    public AttributeMap? Attributes { get; }

    public static Run OfText(string text, AttributeMap? attributes) => new(text, null, attributes, text.Length);

    public static Run OfEmbed(Embed embed, AttributeMap? attributes) => new(null, embed, attributes, 1);
}
