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
