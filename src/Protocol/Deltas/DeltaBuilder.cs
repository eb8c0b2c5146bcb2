namespace AkkaCollab.Protocol.Deltas;

/// <summary>
/// A mutable, allocation-light way to build a <see cref="Delta"/>. Every normalization of the
/// library goes through <see cref="Push"/>, which behaves exactly like quill-delta's push:
/// adjacent ops with equal attributes merge, an insert goes before a delete at the same index,
/// empty attributes and zero-length ops are dropped.
/// </summary>
public sealed class DeltaBuilder
{
    private Op[] _ops;
    private int _count;

    /// <summary>Starts an empty builder.</summary>
    public DeltaBuilder()
        : this(4)
    {
    }

    /// <summary>Starts an empty builder with room for <paramref name="capacity"/> ops.</summary>
    public DeltaBuilder(int capacity)
    {
        _ops = capacity <= 0 ? [] : new Op[capacity];
    }

    /// <summary>Starts a builder holding the ops of <paramref name="start"/>.</summary>
    public DeltaBuilder(Delta start)
        : this(start.Count + 4)
    {
        AppendNormalized(start.RawOps, 0);
    }

    /// <summary>The number of ops so far.</summary>
    public int Count => _count;

    // Whether the last Push appended its op unchanged at the end (quill's compose shortcut needs this).
    internal bool LastPushAppended { get; private set; }

    /// <summary>Appends an insert of text (an empty text is ignored).</summary>
    public DeltaBuilder Insert(string text, AttributeMap? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? this : Push(new InsertOp(text, attributes));
    }

    /// <summary>Appends an insert of an embed.</summary>
    public DeltaBuilder Insert(Embed embed, AttributeMap? attributes = null) => Push(new InsertOp(embed, attributes));

    /// <summary>Appends a retain (a non-positive length is ignored).</summary>
    public DeltaBuilder Retain(int length, AttributeMap? attributes = null) =>
        length <= 0 ? this : Push(new RetainOp(length, attributes));

    /// <summary>Appends a delete (a non-positive length is ignored).</summary>
    public DeltaBuilder Delete(int length) => length <= 0 ? this : Push(new DeleteOp(length));

    /// <summary>Appends an op, normalizing like quill-delta's push.</summary>
    public DeltaBuilder Push(Op op)
    {
        ArgumentNullException.ThrowIfNull(op);
        LastPushAppended = false;
        if (op.Length == 0 && op is not InsertOp { Embed: not null })
        {
            return this;
        }
        var index = _count;
        if (index > 0)
        {
            var last = _ops[index - 1];
            if (op is DeleteOp delete && last is DeleteOp lastDelete)
            {
                _ops[index - 1] = new DeleteOp(checked(lastDelete.Count + delete.Count));
                return this;
            }
            // Inserting before or after a delete at the same index is the same change: always
            // insert first, so that equal changes have equal ops.
            if (last is DeleteOp && op is InsertOp)
            {
                index--;
                if (index == 0)
                {
                    InsertAt(0, op);
                    return this;
                }
                last = _ops[index - 1];
            }
            if (last.Attributes == op.Attributes)
            {
                if (op is InsertOp { Text: { } text } insert && last is InsertOp { Text: { } lastText })
                {
                    _ops[index - 1] = new InsertOp(lastText + text, insert.Attributes);
                    return this;
                }
                if (op is RetainOp retain && last is RetainOp lastRetain)
                {
                    _ops[index - 1] = new RetainOp(checked(lastRetain.Count + retain.Count), retain.Attributes);
                    return this;
                }
            }
        }
        if (index == _count)
        {
            Append(op);
            LastPushAppended = true;
        }
        else
        {
            InsertAt(index, op);
        }
        return this;
    }

    /// <summary>Removes a trailing plain retain (it changes nothing), like quill-delta's chop.</summary>
    public DeltaBuilder Chop()
    {
        if (_count > 0 && _ops[_count - 1] is RetainOp { Attributes: null })
        {
            _count--;
            _ops[_count] = null!;
        }
        return this;
    }

    /// <summary>The ops so far as an immutable Delta (the builder stays usable).</summary>
    public Delta ToDelta() => _count == 0 ? Delta.Empty : new Delta(_ops.AsSpan(0, _count).ToArray());

    // Hands the ops over without a copy; the builder must not be used afterwards.
    internal Delta Build()
    {
        if (_count == 0)
        {
            return Delta.Empty;
        }
        var ops = _ops.Length == _count ? _ops : _ops.AsSpan(0, _count).ToArray();
        _ops = [];
        _count = 0;
        return new Delta(ops);
    }

    // Pushes ops[from] and appends the rest without re-normalizing: the rest of an already
    // normalized array stays normal (quill's concat).
    internal void AppendNormalized(Op[] ops, int from)
    {
        if (from >= ops.Length)
        {
            return;
        }
        Push(ops[from]);
        EnsureCapacity(_count + ops.Length - from - 1);
        Array.Copy(ops, from + 1, _ops, _count, ops.Length - from - 1);
        _count += ops.Length - from - 1;
    }

    // Appends an op the caller knows keeps the array normalized.
    internal void AppendRaw(Op op) => Append(op);

    private void Append(Op op)
    {
        EnsureCapacity(_count + 1);
        _ops[_count++] = op;
    }

    private void InsertAt(int index, Op op)
    {
        EnsureCapacity(_count + 1);
        Array.Copy(_ops, index, _ops, index + 1, _count - index);
        _ops[index] = op;
        _count++;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _ops.Length)
        {
            Array.Resize(ref _ops, Math.Max(needed, Math.Max(4, _ops.Length * 2)));
        }
    }
}
