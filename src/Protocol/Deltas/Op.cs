namespace AkkaCollab.Protocol.Deltas;

/// <summary>
/// One operation of a <see cref="Delta"/>: <see cref="InsertOp"/>, <see cref="RetainOp"/> or
/// <see cref="DeleteOp"/> (a closed hierarchy). Ops compare by value.
/// </summary>
public abstract record Op
{
    private protected Op()
    {
    }

    /// <summary>The op's length in UTF-16 code units (an embed counts 1).</summary>
    public abstract int Length { get; }

    /// <summary>The formats of an insert or retain; always null for a delete.</summary>
    public abstract AttributeMap? Attributes { get; }

    private protected static AttributeMap? Normalize(AttributeMap? attributes) =>
        attributes is null || attributes.Count == 0 ? null : attributes;

    private protected static int CheckCount(int count, string name) =>
        count >= 0 ? count : throw new ArgumentOutOfRangeException(name, count, "must be non-negative");
}

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

/// <summary>Keeps <see cref="Count"/> characters, applying formats to them when attributes are given.</summary>
public sealed record RetainOp : Op
{
    /// <summary>Retains count characters (zero is dropped by every builder).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is negative.</exception>
    public RetainOp(int count, AttributeMap? attributes = null)
    {
        Count = CheckCount(count, nameof(count));
        Attributes = Normalize(attributes);
    }

    /// <summary>The number of characters kept.</summary>
    public int Count { get; }

    /// <inheritdoc/>
    public override AttributeMap? Attributes { get; }

    /// <inheritdoc/>
    public override int Length => Count;
}

/// <summary>Deletes <see cref="Count"/> characters.</summary>
public sealed record DeleteOp : Op
{
    /// <summary>Deletes count characters (zero is dropped by every builder).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is negative.</exception>
    public DeleteOp(int count)
    {
        Count = CheckCount(count, nameof(count));
    }

    /// <summary>The number of characters deleted.</summary>
    public int Count { get; }

    /// <inheritdoc/>
    public override AttributeMap? Attributes => null;

    /// <inheritdoc/>
    public override int Length => Count;
}
