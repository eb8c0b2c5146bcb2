using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Protocol.Tests.Support.Build;

namespace AkkaCollab.Protocol.Tests.Deltas;

/// <summary>Construction and normalization, like quill-delta's push (test/delta/builder.js and helpers.js).</summary>
public sealed class DeltaBuilderTests
{
    [Fact]
    public void Adjacent_inserts_with_equal_attributes_merge()
    {
        var delta = New.Insert("a", Attrs(("bold", true))).Insert("b", Attrs(("bold", true)));
        Assert.Equal<Op>([new InsertOp("ab", Attrs(("bold", true)))], delta.Ops);
    }

    [Fact]
    public void Adjacent_inserts_with_different_attributes_stay_apart()
    {
        var delta = New.Insert("a", Attrs(("bold", true))).Insert("b");
        Assert.Equal(2, delta.Count);
    }

    [Fact]
    public void Attribute_equality_ignores_key_order_when_merging()
    {
        var delta = New.Insert("a", Attrs(("bold", true), ("color", "red"))).Insert("b", Attrs(("color", "red"), ("bold", true)));
        Assert.Single(delta.Ops);
    }

    [Fact]
    public void Embeds_never_merge()
    {
        var delta = New.Insert(Image()).Insert(Image());
        Assert.Equal(2, delta.Count);
        Assert.Equal(2, delta.Length());
    }

    [Fact]
    public void Adjacent_retains_and_deletes_merge()
    {
        Assert.Equal<Op>([new RetainOp(5)], New.Retain(2).Retain(3).Ops);
        Assert.Equal<Op>([new DeleteOp(5)], New.Delete(2).Delete(3).Ops);
        Assert.Equal(2, New.Retain(2).Retain(3, Attrs(("bold", true))).Count);
    }

    [Fact]
    public void Insert_before_delete_is_normalized()
    {
        Assert.Equal<Op>([new InsertOp("a"), new DeleteOp(1)], New.Delete(1).Insert("a").Ops);
        Assert.Equal<Op>([new RetainOp(1), new InsertOp("ab"), new DeleteOp(1)], New.Retain(1).Insert("a").Delete(1).Insert("b").Ops);
        Assert.Equal<Op>([new InsertOp(Image()), new DeleteOp(1)], New.Delete(1).Insert(Image()).Ops);
    }

    [Fact]
    public void Insert_after_delete_merges_with_the_insert_before_it()
    {
        var delta = New.Insert("a").Delete(1).Insert("b");
        Assert.Equal<Op>([new InsertOp("ab"), new DeleteOp(1)], delta.Ops);
    }

    [Fact]
    public void Empty_attributes_and_zero_length_ops_are_dropped()
    {
        Assert.Equal(New, New.Insert("").Retain(0).Delete(0).Retain(-1).Delete(-2));
        Assert.Null(New.Insert("a", AttributeMap.Empty).Ops[0].Attributes);
        Assert.Null(New.Retain(1, AttributeMap.Empty).Ops[0].Attributes);
        Assert.Equal(New.Insert("a"), New.Insert("a", AttributeMap.Empty));
    }

    [Fact]
    public void Ops_with_negative_counts_cannot_be_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetainOp(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeleteOp(-1));
    }

    [Fact]
    public void Builders_return_new_deltas_and_leave_the_original_alone()
    {
        var original = New.Insert("a");
        var longer = original.Insert("b");
        Assert.Equal("a", original.PlainText());
        Assert.Equal("ab", longer.PlainText());
    }

    [Fact]
    public void DeltaBuilder_normalizes_like_the_immutable_builders()
    {
        var built = new DeltaBuilder().Retain(1).Delete(2).Insert("x", Attrs(("bold", true))).Insert("y", Attrs(("bold", true))).Retain(3).ToDelta();
        var immutable = New.Retain(1).Delete(2).Insert("x", Attrs(("bold", true))).Insert("y", Attrs(("bold", true))).Retain(3);
        Assert.Equal(immutable, built);
        Assert.Equal<Op>([new RetainOp(1), new InsertOp("xy", Attrs(("bold", true))), new DeleteOp(2), new RetainOp(3)], built.Ops);
    }

    [Fact]
    public void DeltaBuilder_stays_usable_after_ToDelta()
    {
        var builder = new DeltaBuilder().Insert("a");
        var first = builder.ToDelta();
        var second = builder.Insert("b").ToDelta();
        Assert.Equal("a", first.PlainText());
        Assert.Equal("ab", second.PlainText());
    }

    [Fact]
    public void Create_normalizes_arbitrary_ops()
    {
        var delta = Delta.Create(new InsertOp("a"), new InsertOp(""), new DeleteOp(1), new InsertOp("b"), new RetainOp(0));
        Assert.Equal<Op>([new InsertOp("ab"), new DeleteOp(1)], delta.Ops);
    }

    [Fact]
    public void Chop_removes_only_a_trailing_plain_retain()
    {
        Assert.Equal(New.Insert("a"), New.Insert("a").Retain(3).Chop());
        Assert.Equal(New.Insert("a").Retain(3, Attrs(("bold", true))), New.Insert("a").Retain(3, Attrs(("bold", true))).Chop());
        Assert.Equal(New.Insert("a"), New.Insert("a").Chop());
        Assert.Equal(New, New.Chop());
    }

    [Fact]
    public void Length_counts_utf16_code_units_and_embeds_as_one()
    {
        var delta = New.Insert("a😀").Insert(Image()).Retain(3).Delete(4);
        Assert.Equal(3 + 1 + 3 + 4, delta.Length());
        Assert.Equal(3 + 1 - 4, delta.ChangeLength());
        Assert.Equal(7, delta.BaseLength());
    }

    [Fact]
    public void CanApplyTo_checks_that_retains_and_deletes_fit_the_document()
    {
        var change = New.Retain(3).Insert("x").Delete(2);
        Assert.True(change.CanApplyTo(5));
        Assert.True(change.CanApplyTo(9));
        Assert.False(change.CanApplyTo(4));
        Assert.True(New.Insert("only inserts").CanApplyTo(0));
    }

    [Fact]
    public void IsDocument_is_true_for_inserts_only()
    {
        Assert.True(New.IsDocument);
        Assert.True(New.Insert("a").Insert(Image()).IsDocument);
        Assert.False(New.Insert("a").Retain(1).IsDocument);
        Assert.False(New.Delete(1).IsDocument);
    }

    [Fact]
    public void PlainText_concatenates_inserts_and_skips_embeds()
    {
        Assert.Equal("ab\n", New.Insert("a", Attrs(("bold", true))).Insert(Image()).Insert("b\n").PlainText());
    }

    [Fact]
    public void Slice_takes_a_range_splitting_ops_at_its_edges()
    {
        var delta = New.Retain(2).Insert("A", Attrs(("bold", true))).Insert("BC").Delete(3);
        Assert.Equal(New.Retain(1).Insert("A", Attrs(("bold", true))).Insert("B"), delta.Slice(1, 4));
        Assert.Equal(New.Insert("C").Delete(3), delta.Slice(4));
        Assert.Equal(delta, delta.Slice());
        Assert.Equal(New, delta.Slice(20));
    }

    [Fact]
    public void Slice_can_split_a_surrogate_pair_like_quill()
    {
        var delta = New.Insert("a😀b");
        Assert.Equal("a\ud83d", delta.Slice(0, 2).PlainText());
        Assert.Equal("\ude00b", delta.Slice(2).PlainText());
    }

    [Fact]
    public void Concat_merges_at_the_seam()
    {
        var bold = Attrs(("bold", true));
        Assert.Equal(New.Insert("ab", bold), New.Insert("a", bold).Concat(New.Insert("b", bold)));
        Assert.Equal(New.Insert("a").Insert("b", bold), New.Insert("a").Concat(New.Insert("b", bold)));
        Assert.Equal(New.Insert("a"), New.Insert("a").Concat(New));
        Assert.Equal(New.Insert("a"), New.Concat(New.Insert("a")));
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = New.Insert("x", Attrs(("color", "red"), ("bold", true))).Retain(2);
        var b = New.Insert("x", Attrs(("bold", true), ("color", "red"))).Retain(2);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b.Retain(1));
        Assert.False(a == null);
    }
}
