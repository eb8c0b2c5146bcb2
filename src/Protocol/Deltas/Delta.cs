using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json.Serialization;

namespace AkkaCollab.Protocol.Deltas;

/// <summary>
/// A Quill Delta: an immutable, always-normalized list of ops that describes either a document
/// (inserts only) or a change to one. Semantics and names follow quill-delta 5.1; lengths are
/// UTF-16 code units and an embed counts 1. Compares by value.
/// </summary>
[JsonConverter(typeof(DeltaJsonConverter))]
public sealed partial class Delta : IEquatable<Delta>
{
    // Invariant: _ops is normalized (as if built by DeltaBuilder.Push) and never mutated.
    private readonly Op[] _ops;
    private ReadOnlyCollection<Op>? _view;
    private int _length = -1;
    private int _hash;

    internal Delta(Op[] ops)
    {
        _ops = ops;
    }

    /// <summary>The delta with no ops (the empty document, or the change that changes nothing).</summary>
    public static Delta Empty { get; } = new([]);

    /// <summary>Builds a delta from ops, normalizing them.</summary>
    public static Delta Create(IEnumerable<Op> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        var builder = new DeltaBuilder();
        foreach (var op in ops)
        {
            builder.Push(op);
        }
        return builder.Build();
    }

    /// <summary>Builds a delta from ops, normalizing them.</summary>
    public static Delta Create(params Op[] ops) => Create((IEnumerable<Op>)ops);

    /// <summary>The ops, normalized.</summary>
    public IReadOnlyList<Op> Ops => _view ??= new ReadOnlyCollection<Op>(_ops);

    /// <summary>The number of ops.</summary>
    public int Count => _ops.Length;

    internal Op[] RawOps => _ops;

    /// <summary>Whether this delta has only inserts (it is a document).</summary>
    public bool IsDocument
    {
        get
        {
            foreach (var op in _ops)
            {
                if (op is not InsertOp)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>A new delta with an insert of text appended.</summary>
    public Delta Insert(string text, AttributeMap? attributes = null) => With(b => b.Insert(text, attributes));

    /// <summary>A new delta with an insert of an embed appended.</summary>
    public Delta Insert(Embed embed, AttributeMap? attributes = null) => With(b => b.Insert(embed, attributes));

    /// <summary>A new delta with a retain appended.</summary>
    public Delta Retain(int length, AttributeMap? attributes = null) => With(b => b.Retain(length, attributes));

    /// <summary>A new delta with a delete appended.</summary>
    public Delta Delete(int length) => With(b => b.Delete(length));

    /// <summary>A new delta with an op appended (normalized).</summary>
    public Delta Push(Op op) => With(b => b.Push(op));

    /// <summary>The total length of all ops (inserts, retains and deletes).</summary>
    public int Length()
    {
        if (_length < 0)
        {
            long length = 0;
            foreach (var op in _ops)
            {
                length += op.Length;
            }
            _length = (int)Math.Min(length, int.MaxValue);
        }
        return _length;
    }

    /// <summary>How much this change grows the document: inserted minus deleted length.</summary>
    public int ChangeLength()
    {
        var length = 0;
        foreach (var op in _ops)
        {
            length += op switch
            {
                InsertOp insert => insert.Length,
                DeleteOp delete => -delete.Count,
                _ => 0,
            };
        }
        return length;
    }

    /// <summary>The retained plus deleted length: the minimum length of a document this change applies to.</summary>
    public int BaseLength()
    {
        long length = 0;
        foreach (var op in _ops)
        {
            if (op is not InsertOp)
            {
                length += op.Length;
            }
        }
        return (int)Math.Min(length, int.MaxValue);
    }

    /// <summary>Whether this change fits a document of the given length (it retains and deletes no further than its end).</summary>
    public bool CanApplyTo(int documentLength) => BaseLength() <= documentLength;

    /// <summary>The inserted text concatenated (embeds skipped): the plain text of a document.</summary>
    public string PlainText()
    {
        var text = new StringBuilder();
        foreach (var op in _ops)
        {
            if (op is InsertOp { Text: { } s })
            {
                text.Append(s);
            }
        }
        return text.ToString();
    }

    /// <summary>The ops covering [start, end), splitting ops at the edges.</summary>
    public Delta Slice(int start = 0, int end = int.MaxValue)
    {
        var builder = new DeltaBuilder();
        var iter = new OpIterator(_ops);
        var index = 0;
        while (index < end && iter.HasNext)
        {
            Op next;
            if (index < start)
            {
                next = iter.Next(start - index);
            }
            else
            {
                next = iter.Next(end - index);
                // Pieces of a normalized delta in order stay normalized.
                builder.AppendRaw(next);
            }
            index += next.Length;
        }
        return builder.Build();
    }

    /// <summary>This delta followed by other (the seam is normalized).</summary>
    public Delta Concat(Delta other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._ops.Length == 0)
        {
            return this;
        }
        if (_ops.Length == 0)
        {
            return other;
        }
        var builder = new DeltaBuilder(_ops.Length + other._ops.Length);
        builder.AppendNormalized(_ops, 0);
        builder.AppendNormalized(other._ops, 0);
        return builder.Build();
    }

    /// <summary>This delta without a trailing plain retain (which changes nothing).</summary>
    public Delta Chop() =>
        _ops.Length > 0 && _ops[^1] is RetainOp { Attributes: null } ? new Delta(_ops[..^1]) : this;

    /// <summary>Value equality: the same ops.</summary>
    public bool Equals(Delta? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || other._ops.Length != _ops.Length)
        {
            return false;
        }
        for (var i = 0; i < _ops.Length; i++)
        {
            if (!_ops[i].Equals(other._ops[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Delta);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = new HashCode();
            foreach (var op in _ops)
            {
                hash.Add(op.Length);
                hash.Add(OpIterator.KindOf(op));
            }
            var value = hash.ToHashCode();
            _hash = value == 0 ? 1 : value;
        }
        return _hash;
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Delta? left, Delta? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Delta? left, Delta? right) => !(left == right);

    /// <summary>The delta in Quill's JSON wire shape.</summary>
    public override string ToString() => ToJson();

    private Delta With(Func<DeltaBuilder, DeltaBuilder> change) => change(new DeltaBuilder(this)).Build();
}
