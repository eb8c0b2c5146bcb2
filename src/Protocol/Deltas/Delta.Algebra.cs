namespace AkkaCollab.Protocol.Deltas;

// Compose, Transform, TransformPosition and Invert: line-for-line the algorithms of
// quill-delta 5.1 (numeric retains only), on the op iterator so that whole ops are reused.
public sealed partial class Delta
{
    /// <summary>The single change equal to applying this delta and then <paramref name="other"/>.</summary>
    public Delta Compose(Delta other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var thisIter = new OpIterator(_ops);
        var otherIter = new OpIterator(other._ops);
        var builder = new DeltaBuilder(_ops.Length + other._ops.Length);

        // Fast path: a leading plain retain of other keeps our leading inserts untouched.
        if (otherIter.Peek() is RetainOp { Attributes: null } firstOther)
        {
            var firstLeft = firstOther.Count;
            while (thisIter.PeekKind() == OpKind.Insert && thisIter.PeekLength() <= firstLeft)
            {
                firstLeft -= thisIter.PeekLength();
                builder.AppendRaw(thisIter.Next());
            }
            if (firstOther.Count - firstLeft > 0)
            {
                otherIter.Next(firstOther.Count - firstLeft);
            }
        }

        while (thisIter.HasNext || otherIter.HasNext)
        {
            if (otherIter.PeekKind() == OpKind.Insert)
            {
                builder.Push(otherIter.Next());
            }
            else if (thisIter.PeekKind() == OpKind.Delete)
            {
                builder.Push(thisIter.Next());
            }
            else
            {
                var length = Math.Min(thisIter.PeekLength(), otherIter.PeekLength());
                var thisOp = thisIter.Next(length);
                var otherOp = otherIter.Next(length);
                if (otherOp is RetainOp otherRetain)
                {
                    Op newOp = thisOp is InsertOp insert
                        // Inserting formatted text: removals (nulls) have nothing left to remove.
                        ? insert.WithAttributes(AttributeMap.Compose(insert.Attributes, otherRetain.Attributes, keepNull: false))
                        : new RetainOp(length, AttributeMap.Compose(thisOp.Attributes, otherRetain.Attributes, keepNull: true));
                    builder.Push(newOp);
                    // Shortcut: the rest of other is a plain retain, so the rest of this is unchanged.
                    if (!otherIter.HasNext && builder.LastPushAppended)
                    {
                        AppendRest(builder, ref thisIter);
                        return builder.Chop().Build();
                    }
                }
                else if (thisOp is RetainOp)
                {
                    // Other deletes what we retained; a delete of our own insert cancels out.
                    builder.Push(otherOp);
                }
            }
        }
        return builder.Chop().Build();
    }

    /// <summary>
    /// Transforms <paramref name="other"/>, made concurrently with this delta, to apply after this
    /// delta. <paramref name="priority"/> true means this delta happened first (its inserts win ties).
    /// </summary>
    public Delta Transform(Delta other, bool priority)
    {
        ArgumentNullException.ThrowIfNull(other);
        var thisIter = new OpIterator(_ops);
        var otherIter = new OpIterator(other._ops);
        var builder = new DeltaBuilder(_ops.Length + other._ops.Length);
        while (thisIter.HasNext || otherIter.HasNext)
        {
            if (thisIter.PeekKind() == OpKind.Insert && (priority || otherIter.PeekKind() != OpKind.Insert))
            {
                builder.Retain(thisIter.Next().Length);
            }
            else if (otherIter.PeekKind() == OpKind.Insert)
            {
                builder.Push(otherIter.Next());
            }
            else
            {
                var length = Math.Min(thisIter.PeekLength(), otherIter.PeekLength());
                var thisOp = thisIter.Next(length);
                var otherOp = otherIter.Next(length);
                if (thisOp is DeleteOp)
                {
                    // Our delete either makes their delete redundant or removes their retain.
                    continue;
                }
                if (otherOp is DeleteOp)
                {
                    builder.Push(otherOp);
                }
                else
                {
                    builder.Retain(length, AttributeMap.Transform(thisOp.Attributes, otherOp.Attributes, priority));
                }
            }
        }
        return builder.Chop().Build();
    }

    /// <summary>
    /// Where a cursor at <paramref name="index"/> moves when this delta is applied.
    /// <paramref name="priority"/> true keeps the cursor before an insert at the same index.
    /// </summary>
    public int TransformPosition(int index, bool priority = false)
    {
        var iter = new OpIterator(_ops);
        var offset = 0;
        while (iter.HasNext && offset <= index)
        {
            var length = iter.PeekLength();
            var kind = iter.PeekKind();
            iter.Next();
            if (kind == OpKind.Delete)
            {
                index -= Math.Min(length, index - offset);
                continue;
            }
            if (kind == OpKind.Insert && (offset < index || !priority))
            {
                index += length;
            }
            offset += length;
        }
        return index;
    }

    /// <summary>
    /// The change that undoes this delta when applied after it to <paramref name="baseDocument"/>:
    /// <c>baseDocument.Compose(d).Compose(d.Invert(baseDocument)) == baseDocument</c>.
    /// </summary>
    public Delta Invert(Delta baseDocument)
    {
        ArgumentNullException.ThrowIfNull(baseDocument);
        var builder = new DeltaBuilder(_ops.Length + 4);
        // One pass over the base: the ops visit it left to right, so no slice copies are needed.
        var baseIter = new OpIterator(baseDocument._ops);
        foreach (var op in _ops)
        {
            switch (op)
            {
                case InsertOp insert:
                    builder.Delete(insert.Length);
                    break;
                case RetainOp { Attributes: null } plain:
                    builder.Retain(plain.Count);
                    baseIter.Skip(plain.Count);
                    break;
                default:
                    var left = op.Length;
                    while (left > 0 && baseIter.HasNext)
                    {
                        var baseOp = baseIter.Next(left);
                        left -= baseOp.Length;
                        if (op is DeleteOp)
                        {
                            builder.Push(baseOp);
                        }
                        else
                        {
                            builder.Retain(baseOp.Length, AttributeMap.Invert(op.Attributes, baseOp.Attributes));
                        }
                    }
                    break;
            }
        }
        return builder.Chop().Build();
    }

    private static void AppendRest(DeltaBuilder builder, ref OpIterator iter)
    {
        if (!iter.HasNext)
        {
            return;
        }
        if (iter.Offset == 0)
        {
            builder.AppendNormalized(iter.Ops, iter.Index);
            return;
        }
        builder.Push(iter.Next());
        // What follows a split op is a run of whole, already normalized ops.
        var ops = iter.Ops;
        for (var i = iter.Index; i < ops.Length; i++)
        {
            builder.AppendRaw(ops[i]);
        }
    }
}
