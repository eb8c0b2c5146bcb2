using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Tests.Support;
using AkkaCollab.Tests.Shared;
using Xunit.Abstractions;

namespace AkkaCollab.Protocol.Tests.Deltas;

/// <summary>The laws of the Delta algebra, over seeded random documents and changes.</summary>
public sealed class PropertyTests(ITestOutputHelper output)
{
    private const int Cases = 3000;

    [Fact]
    public void Compose_is_associative() => Seeded.Run(output, Cases, (random, caseIndex) =>
    {
        var doc = random.Document();
        var a = random.Change(doc);
        var afterA = doc.Compose(a);
        var b = random.Change(afterA);
        var c = random.Change(afterA.Compose(b));
        Assert.Equal(doc.Compose(a).Compose(b).Compose(c), doc.Compose(a.Compose(b).Compose(c)));
        Assert.Equal(a.Compose(b).Compose(c), a.Compose(b.Compose(c)));
    }, nullsOnInserts: true);

    [Fact]
    public void Composing_onto_a_document_gives_a_document() => Seeded.Run(output, Cases, (random, caseIndex) =>
    {
        var doc = random.Document();
        var change = random.Change(doc);
        var result = doc.Compose(change);
        Assert.True(result.IsDocument, $"{doc} ∘ {change} = {result}");
        Assert.Equal(doc.Length() + change.ChangeLength(), result.Length());
    });

    [Fact]
    public void Transform_converges() => Seeded.Run(output, Cases, (random, caseIndex) =>
    {
        var doc = random.Document();
        var a = random.Change(doc);
        var b = random.Change(doc);
        var left = doc.Compose(a).Compose(a.Transform(b, true));
        var right = doc.Compose(b).Compose(b.Transform(a, false));
        Assert.Equal(left, right);
        Assert.Equal(a.Compose(a.Transform(b, true)), b.Compose(b.Transform(a, false)));
    }, nullsOnInserts: true);

    [Fact]
    public void TransformPosition_agrees_with_Transform() => Seeded.Run(output, Cases, (random, caseIndex) =>
    {
        var doc = random.Document();
        var a = random.Change(doc);
        var index = random.Random.Next(0, doc.Length() + 1);
        var priority = random.Random.Next(2) == 0;
        // A cursor is an insert of one character at its index; transforming it must land where TransformPosition says.
        var cursor = Delta.Empty.Retain(index).Insert("\uFFFF");
        // TransformPosition's priority means "the cursor stays put", the opposite side of Transform's.
        var moved = a.Transform(cursor, !priority);
        var expected = moved.Ops.Count > 0 && moved.Ops[0] is RetainOp r ? r.Count : 0;
        Assert.Equal(expected, a.TransformPosition(index, priority));
    });

    [Fact]
    public void Invert_undoes_a_change() => Seeded.Run(output, Cases, (random, caseIndex) =>
    {
        var doc = random.Document();
        var change = random.Change(doc);
        var inverted = change.Invert(doc);
        Assert.Equal(doc, doc.Compose(change).Compose(inverted));
    }, nullsOnInserts: true);

    [Fact]
    public void Diff_round_trips() => Seeded.Run(output, Cases, (random, caseIndex) =>
    {
        var a = random.Document();
        var b = random.Random.Next(3) == 0 ? random.Document() : a.Compose(random.Change(a));
        var diff = a.Diff(b);
        Assert.Equal(b, a.Compose(diff));
        Assert.True(diff.CanApplyTo(a.Length()));
    });

    [Fact]
    public void Json_round_trips() => Seeded.Run(output, Cases, (random, caseIndex) =>
    {
        var doc = random.Document();
        var change = random.Change(doc);
        Assert.Equal(doc, Delta.FromJson(doc.ToJson()));
        Assert.Equal(change, Delta.FromJson(change.ToJson()));
        Assert.Equal(change.ToJson(), Delta.FromJson(change.ToJson()).ToJson());
    }, nullsOnInserts: true);

    [Fact]
    public void Operations_never_mutate_their_inputs() => Seeded.Run(output, 500, (random, caseIndex) =>
    {
        var doc = random.Document();
        var a = random.Change(doc);
        var b = random.Change(doc);
        var docJson = doc.ToJson();
        var aJson = a.ToJson();
        var bJson = b.ToJson();
        _ = doc.Compose(a);
        _ = a.Compose(b);
        _ = a.Transform(b, true);
        _ = b.Transform(a, false);
        _ = a.TransformPosition(1);
        _ = a.Invert(doc);
        _ = doc.Diff(doc.Compose(a));
        _ = a.Slice(1, 3);
        _ = a.Concat(b);
        _ = a.Chop();
        _ = a.Insert("x").Retain(2).Delete(1);
        Assert.Equal(docJson, doc.ToJson());
        Assert.Equal(aJson, a.ToJson());
        Assert.Equal(bJson, b.ToJson());
    });

    [Fact]
    public void Slice_and_concat_reassemble_the_delta() => Seeded.Run(output, Cases, (random, caseIndex) =>
    {
        var doc = random.Document();
        var cut = random.Random.Next(0, doc.Length() + 1);
        Assert.Equal(doc, doc.Slice(0, cut).Concat(doc.Slice(cut)));
    });
}
