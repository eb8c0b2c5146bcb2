using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Node.Documents;

// Transform of a submit over one earlier op, with an arithmetic fast path for the shapes typing
// produces (one insert or one delete, after a plain retain). A hot document transforms each
// submit over every op it has not seen, so this is the inner loop of sequencing. Any other shape
// takes Delta.Transform; FastTransformTests checks the two agree on random inputs.
internal static class FastTransform
{
    // applied.Transform(submitted, priority: true): submitted as if applied came first.
    internal static Delta Over(Delta applied, Delta submitted)
    {
        if (Simple(applied) is { } a && Simple(submitted) is { } x)
        {
            if (a.Insert is not null && x.Insert is { } insert)
            {
                // The earlier insert wins the tie at the same index.
                return Inserted(a.Index <= x.Index ? x.Index + a.Length : x.Index, insert);
            }
            if (a.Insert is not null)
            {
                if (a.Index <= x.Index)
                {
                    return Deleted(x.Index + a.Length, x.Length);
                }
                if (a.Index >= x.Index + x.Length)
                {
                    return submitted;
                }
            }
            else if (x.Insert is { } inserted)
            {
                return Inserted(MapThroughDelete(x.Index, a), inserted);
            }
            else
            {
                var start = MapThroughDelete(x.Index, a);
                return Deleted(start, MapThroughDelete(x.Index + x.Length, a) - start);
            }
        }
        return applied.Transform(submitted, priority: true);
    }

    private readonly record struct Shape(int Index, int Length, InsertOp? Insert);

    // [retain n without attributes] then one insert or one delete; null for anything else.
    private static Shape? Simple(Delta delta)
    {
        var ops = delta.Ops;
        var index = 0;
        var at = 0;
        if (ops.Count == 2 && ops[0] is RetainOp { Attributes: null } retain)
        {
            index = retain.Count;
            at = 1;
        }
        else if (ops.Count != 1)
        {
            return null;
        }
        return ops[at] switch
        {
            InsertOp insert => new Shape(index, insert.Length, insert),
            DeleteOp delete => new Shape(index, delete.Count, null),
            _ => null,
        };
    }

    private static int MapThroughDelete(int index, Shape delete) =>
        index <= delete.Index ? index : Math.Max(delete.Index, index - delete.Length);

    private static Delta Inserted(int index, InsertOp insert) =>
        (index > 0 ? Delta.Empty.Retain(index) : Delta.Empty).Push(insert);

    private static Delta Deleted(int index, int length) =>
        length == 0 ? Delta.Empty : (index > 0 ? Delta.Empty.Retain(index) : Delta.Empty).Delete(length);
}
