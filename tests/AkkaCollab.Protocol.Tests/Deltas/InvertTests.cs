using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Protocol.Tests.Support.Build;

namespace AkkaCollab.Protocol.Tests.Deltas;

/// <summary>The invert case matrix (quill-delta's test/delta/invert.js).</summary>
public sealed class InvertTests
{
    private static readonly Delta Base = New.Insert("123456");

    [Fact]
    public void Inverting_an_insert_deletes_it()
    {
        var change = New.Retain(2).Insert("A");
        Assert.Equal(New.Retain(2).Delete(1), change.Invert(Base));
        Assert.Equal(Base, Base.Compose(change).Compose(change.Invert(Base)));
    }

    [Fact]
    public void Inverting_a_delete_reinserts_the_base_content()
    {
        var change = New.Retain(2).Delete(3);
        Assert.Equal(New.Retain(2).Insert("345"), change.Invert(Base));
        Assert.Equal(Base, Base.Compose(change).Compose(change.Invert(Base)));
    }

    [Fact]
    public void Inverting_a_format_removes_it()
    {
        var change = New.Retain(2).Retain(3, Attrs(("bold", true)));
        Assert.Equal(New.Retain(2).Retain(3, Attrs(("bold", null))), change.Invert(Base));
        Assert.Equal(Base, Base.Compose(change).Compose(change.Invert(Base)));
    }

    [Fact]
    public void Inverting_a_format_over_differently_formatted_base_splits_by_base_op()
    {
        var baseDoc = New.Insert("123").Insert("4", Attrs(("bold", true)));
        var change = New.Retain(4, Attrs(("italic", true)));
        Assert.Equal(New.Retain(4, Attrs(("italic", null))), change.Invert(baseDoc));
        Assert.Equal(baseDoc, baseDoc.Compose(change).Compose(change.Invert(baseDoc)));
    }

    [Fact]
    public void Inverting_a_format_change_restores_the_old_value()
    {
        var baseDoc = New.Insert("ab", Attrs(("color", "red")));
        var change = New.Retain(2, Attrs(("color", "blue")));
        Assert.Equal(New.Retain(2, Attrs(("color", "red"))), change.Invert(baseDoc));
    }

    [Fact]
    public void Inverting_a_combined_change_with_embeds_restores_everything()
    {
        var baseDoc = New.Insert("123456", Attrs(("bold", true))).Insert(Image("x"), Attrs(("alt", "a"))).Insert("789");
        var change = New.Retain(2).Delete(5).Retain(2, Attrs(("bold", null), ("italic", true))).Insert("X");
        var expected = New.Retain(2).Insert("3456", Attrs(("bold", true))).Insert(Image("x"), Attrs(("alt", "a")))
            .Retain(2, Attrs(("bold", null), ("italic", null))).Delete(1);
        Assert.Equal(expected, change.Invert(baseDoc));
        Assert.Equal(baseDoc, baseDoc.Compose(change).Compose(change.Invert(baseDoc)));
    }

    [Fact]
    public void Inverting_a_change_with_surrogate_pairs_restores_them()
    {
        var baseDoc = New.Insert("a😀b");
        var change = New.Retain(1).Delete(2);
        Assert.Equal(New.Retain(1).Insert("😀"), change.Invert(baseDoc));
    }

    [Fact]
    public void Invert_leaves_its_inputs_unchanged()
    {
        var change = New.Retain(2).Delete(3);
        var before = change.ToJson();
        _ = change.Invert(Base);
        Assert.Equal(before, change.ToJson());
        Assert.Equal("123456", Base.PlainText());
    }
}
