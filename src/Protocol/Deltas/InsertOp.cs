namespace AkkaCollab.Protocol.Deltas;

/// <summary>Inserts text or one embed, optionally formatted.</summary>
public sealed record InsertOp : Op
{
    /// <summary>Inserts text (an empty text is dropped by every builder).</summary>
    public InsertOp(string text, AttributeMap? attributes = null)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Attributes = Normalize(attributes);
    }

    /// <summary>Inserts an embed, which has length 1.</summary>
    public InsertOp(Embed embed, AttributeMap? attributes = null)
    {
        Embed = embed ?? throw new ArgumentNullException(nameof(embed));
        Attributes = Normalize(attributes);
    }

    /// <summary>The inserted text, or null for an embed.</summary>
    public string? Text { get; }

    /// <summary>The inserted embed, or null for text.</summary>
    public Embed? Embed { get; }

    /// <summary>Whether this inserts text (rather than an embed).</summary>
    public bool IsText => Text is not null;

    /// <inheritdoc/>
    public override AttributeMap? Attributes { get; }

    /// <inheritdoc/>
    public override int Length => Text?.Length ?? 1;

    /// <summary>The same insert with other formats.</summary>
    public InsertOp WithAttributes(AttributeMap? attributes) =>
        ReferenceEquals(attributes, Attributes) ? this
        : Text is not null ? new InsertOp(Text, attributes) : new InsertOp(Embed!, attributes);
}
