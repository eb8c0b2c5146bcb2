namespace AkkaCollab.Protocol.Deltas;

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
