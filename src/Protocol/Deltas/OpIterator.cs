namespace AkkaCollab.Protocol.Deltas;

// Walks a normalized op array taking pieces of any length, like quill-delta's OpIterator.
// Past the end it yields an endless plain retain (length int.MaxValue), which
// is what lets compose and transform treat a shorter delta as "keep the rest".
// Whole ops are returned as-is (no copy); only split ops allocate.
internal struct OpIterator(Op[] ops)
{
    internal static readonly RetainOp EndlessRetain = new(int.MaxValue);

    private readonly Op[] _ops = ops;
    private int _index;
    private int _offset;

    internal readonly bool HasNext => _index < _ops.Length;

    internal readonly Op? Peek() => _index < _ops.Length ? _ops[_index] : null;

    internal readonly int PeekLength() => _index < _ops.Length ? _ops[_index].Length - _offset : int.MaxValue;

    internal readonly OpKind PeekKind() => _index < _ops.Length ? KindOf(_ops[_index]) : OpKind.Retain;

    internal static OpKind KindOf(Op op) => op switch
    {
        InsertOp => OpKind.Insert,
        DeleteOp => OpKind.Delete,
        _ => OpKind.Retain,
    };

    internal Op Next(int length = int.MaxValue)
    {
        if (_index >= _ops.Length)
        {
            return EndlessRetain;
        }
        var op = _ops[_index];
        var offset = _offset;
        var opLength = op.Length;
        if (length >= opLength - offset)
        {
            length = opLength - offset;
            _index++;
            _offset = 0;
            if (offset == 0)
            {
                return op;
            }
        }
        else
        {
            _offset += length;
        }
        return op switch
        {
            DeleteOp => new DeleteOp(length),
            RetainOp retain => new RetainOp(length, retain.Attributes),
            // An embed has length 1, so it is never split.
            InsertOp insert => new InsertOp(insert.Text!.Substring(offset, length), insert.Attributes),
            _ => throw new InvalidOperationException("unknown op type"),
        };
    }

    // Skips up to length characters without materializing the pieces.
    internal void Skip(int length)
    {
        while (length > 0 && _index < _ops.Length)
        {
            var left = _ops[_index].Length - _offset;
            if (length >= left)
            {
                length -= left;
                _index++;
                _offset = 0;
            }
            else
            {
                _offset += length;
                length = 0;
            }
        }
    }

    // The index of the next whole op (valid when the offset is zero).
    internal readonly int Index => _index;

    internal readonly int Offset => _offset;

    internal readonly Op[] Ops => _ops;
}
