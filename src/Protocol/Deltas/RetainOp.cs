namespace AkkaCollab.Protocol.Deltas;

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
