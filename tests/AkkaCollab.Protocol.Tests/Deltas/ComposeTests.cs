using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Protocol.Tests.Support.Build;

namespace AkkaCollab.Protocol.Tests.Deltas;

/// <summary>The compose case matrix (quill-delta's test/delta/compose.js).</summary>
public sealed class ComposeTests
{
    private static readonly AttributeMap BoldRed = Attrs(("bold", true), ("color", "red"));

    [Fact]
    public void Insert_then_insert_puts_the_later_insert_first()
    {
        Assert.Equal(New.Insert("B").Insert("A"), New.Insert("A").Compose(New.Insert("B")));
    }

    [Fact]
    public void Insert_then_retain_with_attributes_formats_the_insert_and_drops_removals()
    {
        var b = New.Retain(1, Attrs(("bold", true), ("color", "red"), ("font", null)));
        Assert.Equal(New.Insert("A", BoldRed), New.Insert("A").Compose(b));
    }

    [Fact]
    public void Insert_then_delete_cancels_out()
    {
        Assert.Equal(New, New.Insert("A").Compose(New.Delete(1)));
    }

    [Fact]
    public void Delete_then_insert_puts_the_insert_first()
    {
        Assert.Equal(New.Insert("B").Delete(1), New.Delete(1).Compose(New.Insert("B")));
    }

    [Fact]
    public void Delete_then_retain_keeps_both()
    {
        var b = New.Retain(1, BoldRed);
        Assert.Equal(New.Delete(1).Retain(1, BoldRed), New.Delete(1).Compose(b));
    }

    [Fact]
    public void Delete_then_delete_adds_up()
    {
        Assert.Equal(New.Delete(2), New.Delete(1).Compose(New.Delete(1)));
    }

    [Fact]
    public void Retain_then_insert_puts_the_insert_first()
    {
        var a = New.Retain(1, Attrs(("color", "blue")));
        Assert.Equal(New.Insert("B").Retain(1, Attrs(("color", "blue"))), a.Compose(New.Insert("B")));
    }

    [Fact]
    public void Retain_then_retain_with_attributes_keeps_removals()
    {
        var a = New.Retain(1, Attrs(("color", "blue")));
        var b = New.Retain(1, Attrs(("bold", true), ("color", "red"), ("font", null)));
        Assert.Equal(New.Retain(1, Attrs(("bold", true), ("color", "red"), ("font", null))), a.Compose(b));
    }

    [Fact]
    public void Retain_with_attributes_then_delete_is_a_delete()
    {
        Assert.Equal(New.Delete(1), New.Retain(1, Attrs(("color", "blue"))).Compose(New.Delete(1)));
    }

    [Fact]
    public void Insert_in_the_middle_of_text_splits_it()
    {
        Assert.Equal(New.Insert("HelXlo"), New.Insert("Hello").Compose(New.Retain(3).Insert("X")));
    }

    [Fact]
    public void Insert_and_delete_in_either_order_give_the_same_result()
    {
        var text = New.Insert("Hello");
        var insertFirst = New.Retain(3).Insert("X").Delete(1);
        var deleteFirst = New.Retain(3).Delete(1).Insert("X");
        Assert.Equal(New.Insert("HelXo"), text.Compose(insertFirst));
        Assert.Equal(New.Insert("HelXo"), text.Compose(deleteFirst));
    }

    [Fact]
    public void Formatting_an_embed_merges_its_attributes()
    {
        var a = New.Insert(Image(), Attrs(("src", "x")));
        var b = New.Retain(1, Attrs(("alt", "logo")));
        Assert.Equal(New.Insert(Image(), Attrs(("src", "x"), ("alt", "logo"))), a.Compose(b));
    }

    [Fact]
    public void Deleting_the_entire_text_leaves_only_the_original_deletes()
    {
        var a = New.Retain(4).Insert("Hello");
        Assert.Equal(New.Delete(4), a.Compose(New.Delete(9)));
    }

    [Fact]
    public void Retaining_past_the_end_of_the_text_changes_nothing()
    {
        Assert.Equal(New.Insert("Hello"), New.Insert("Hello").Compose(New.Retain(10)));
    }

    [Fact]
    public void Retaining_an_embed_keeps_it()
    {
        Assert.Equal(New.Insert(Image()), New.Insert(Image()).Compose(New.Retain(1)));
    }

    [Fact]
    public void Removing_every_attribute_of_an_insert_leaves_it_plain()
    {
        Assert.Equal(New.Insert("A"), New.Insert("A", Attrs(("bold", true))).Compose(New.Retain(1, Attrs(("bold", null)))));
        Assert.Equal(New.Insert(Image()), New.Insert(Image(), Attrs(("bold", true))).Compose(New.Retain(1, Attrs(("bold", null)))));
    }

    [Fact]
    public void A_leading_retain_keeps_leading_inserts_whole()
    {
        var bold = Attrs(("bold", true));
        var a = New.Insert("A", bold).Insert("B").Insert("C", bold).Delete(1);
        var b = New.Retain(3).Insert("D");
        Assert.Equal(New.Insert("A", bold).Insert("B").Insert("C", bold).Insert("D").Delete(1), a.Compose(b));
    }

    [Fact]
    public void A_leading_retain_that_ends_inside_a_retain_splits_it()
    {
        var bold = Attrs(("bold", true));
        var a = New.Insert("A", bold).Insert("B").Insert("C", bold).Retain(5).Delete(1);
        var b = New.Retain(4).Insert("D");
        Assert.Equal(New.Insert("A", bold).Insert("B").Insert("C", bold).Retain(1).Insert("D").Retain(4).Delete(1), a.Compose(b));
    }

    [Fact]
    public void A_trailing_plain_retain_keeps_the_rest_unchanged()
    {
        var bold = Attrs(("bold", true));
        var a = New.Insert("A", bold).Insert("B").Insert("C", bold);
        Assert.Equal(New.Insert("B").Insert("C", bold), a.Compose(New.Delete(1)));
    }

    [Fact]
    public void The_rest_joins_the_result_normalized()
    {
        var bold = Attrs(("bold", true));
        var a = New.Insert("A", bold).Insert("B").Insert("C", bold).Insert("D").Insert("E", bold).Insert("F");
        var b = New.Retain(1).Delete(1);
        Assert.Equal(New.Insert("AC", bold).Insert("D").Insert("E", bold).Insert("F"), a.Compose(b));
    }

    [Fact]
    public void Surrogate_pairs_count_as_two_units()
    {
        var doc = New.Insert("a😀b");
        Assert.Equal(New.Insert("ab"), doc.Compose(New.Retain(1).Delete(2)));
        Assert.Equal(New.Insert("a😀", Attrs(("bold", true))).Insert("b"), doc.Compose(New.Retain(3, Attrs(("bold", true)))));
    }

    [Fact]
    public void Compose_leaves_its_inputs_unchanged()
    {
        var a = New.Insert("A", Attrs(("bold", true))).Insert("B");
        var b = New.Retain(1, Attrs(("color", "red"))).Delete(1);
        var aBefore = a.ToJson();
        var bBefore = b.ToJson();
        Assert.Equal(New.Insert("A", Attrs(("bold", true), ("color", "red"))), a.Compose(b));
        Assert.Equal(aBefore, a.ToJson());
        Assert.Equal(bBefore, b.ToJson());
    }
}
