using System.Collections;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// The last ops of a document, oldest first: an immutable value that costs one small object per
// op. Every version is a range of one shared array. Appending to the newest version writes the
// slot after its range (which no other version reads) and returns a longer range; appending to
// an older version, or to a full array, copies the range into a new array first. Trimming to
// the bound moves the range's start, so ops before it stay in the array until the next copy:
// at most a quarter of the bound.
//
// An ImmutableList (the type this replaces) copied about log2(n) tree nodes per op, all of which
// outlived the next collection, and the collector's pause grows with what survives.
public sealed class OpWindow : IReadOnlyList<OpApplied>
{
    private readonly Store _store;
    private readonly int _start;

    private OpWindow(Store store, int start, int count)
    {
        _store = store;
        _start = start;
        Count = count;
    }

    public static OpWindow Empty { get; } = new(new Store([], 0), 0, 0);

    public int Count { get; }

    public OpApplied this[int index] =>
        (uint)index < (uint)Count ? _store.Items[_start + index] : throw new ArgumentOutOfRangeException(nameof(index), index, $"the window holds {Count} ops");

    // This window with op after its last, keeping at most max ops (the oldest go first).
    public OpWindow Append(OpApplied op, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var end = _start + Count;
        if (end < _store.Items.Length && _store.TryClaim(end))
        {
            _store.Items[end] = op;
            return Count + 1 > max ? new OpWindow(_store, end + 1 - max, max) : new OpWindow(_store, _start, Count + 1);
        }
        var keep = Math.Min(Count, max - 1);
        var capacity = Math.Max(4, Math.Min(2 * (keep + 1), max + Math.Max(1, max / 4)));
        var items = new OpApplied[capacity];
        Array.Copy(_store.Items, end - keep, items, 0, keep);
        items[keep] = op;
        return new OpWindow(new Store(items, keep + 1), 0, keep + 1);
    }

    // A copy of count ops from index.
    public OpApplied[] GetRange(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index + count, Count);
        return _store.Items.AsSpan(_start + index, count).ToArray();
    }

    public IEnumerator<OpApplied> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _store.Items[_start + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The shared array and how many of its slots some version has claimed.
    private sealed class Store(OpApplied[] items, int used)
    {
        private int _used = used;

        public OpApplied[] Items { get; } = items;

        // Slot is the first unclaimed one: take it. Otherwise another version already did.
        public bool TryClaim(int slot) => Interlocked.CompareExchange(ref _used, slot + 1, slot) == slot;
    }
}
