using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Tests.Documents;

// The window shares one array between versions; every version must still read as its own list.
public sealed class OpWindowTests
{
    private static readonly DocumentId Id = DocumentId.Parse("window-doc");

    private static OpApplied Op(long revision) => new(Id, revision, "c", revision, "u", Delta.Empty.Insert("x"));

    private static long[] Revisions(IEnumerable<OpApplied> ops) => [.. ops.Select(o => o.Revision)];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(1000)]
    public void Appending_past_the_bound_keeps_the_newest_ops_oldest_first(int max)
    {
        var window = OpWindow.Empty;
        for (var r = 1L; r <= 3 * max + 7; r++)
        {
            window = window.Append(Op(r), max);
            var expected = Enumerable.Range(0, (int)Math.Min(r, max)).Select(i => r - Math.Min(r, max) + 1 + i).ToArray();
            Assert.Equal(expected, Revisions(window));
            Assert.Equal(expected.Length, window.Count);
            Assert.Equal(expected[^1], window[window.Count - 1].Revision);
        }
    }

    [Fact]
    public void Every_version_keeps_its_ops_when_newer_and_older_versions_are_appended_to()
    {
        // Random appends to random earlier versions (branches included), each checked against a
        // plain list made for it.
        var random = new Random(1234);
        var versions = new List<(OpWindow Window, List<long> Model)> { (OpWindow.Empty, []) };
        for (var step = 1L; step <= 3_000; step++)
        {
            var from = random.Next(4) == 0 ? versions[random.Next(versions.Count)] : versions[^1];
            var model = from.Model.Append(step).TakeLast(7).ToList();
            versions.Add((from.Window.Append(Op(step), 7), model));
        }

        Assert.All(versions, v => Assert.Equal(v.Model, Revisions(v.Window)));
        Assert.All(versions, v => Assert.Equal(v.Model, Revisions(v.Window.GetRange(0, v.Window.Count))));
    }

    [Fact]
    public void Reading_outside_the_window_is_refused()
    {
        var window = OpWindow.Empty.Append(Op(1), 3).Append(Op(2), 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => window[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => window[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => window.GetRange(1, 2));
        Assert.Equal([2L], Revisions(window.GetRange(1, 1)));
    }
}
