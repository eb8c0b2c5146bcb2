using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Protocol.Tests.Support.Build;

namespace AkkaCollab.Protocol.Tests.Deltas;

/// <summary>The transform case matrix (quill-delta's test/delta/transform.js and transform-position.js).</summary>
public sealed class TransformTests
{
    private static readonly AttributeMap BoldRed = Attrs(("bold", true), ("color", "red"));

    [Fact]
    public void Insert_vs_insert_the_priority_side_goes_first()
    {
        var a = New.Insert("A");
        var b = New.Insert("B");
        Assert.Equal(New.Retain(1).Insert("B"), a.Transform(b, true));
        Assert.Equal(New.Insert("B"), a.Transform(b, false));
    }

    [Fact]
    public void Insert_vs_retain_shifts_the_retain()
    {
        Assert.Equal(New.Retain(1).Retain(1, BoldRed), New.Insert("A").Transform(New.Retain(1, BoldRed), true));
    }

    [Fact]
    public void Insert_vs_delete_shifts_the_delete()
    {
        Assert.Equal(New.Retain(1).Delete(1), New.Insert("A").Transform(New.Delete(1), true));
    }

    [Fact]
    public void Delete_vs_insert_keeps_the_insert()
    {
        Assert.Equal(New.Insert("B"), New.Delete(1).Transform(New.Insert("B"), true));
    }

    [Fact]
    public void Delete_vs_retain_drops_the_retain()
    {
        Assert.Equal(New, New.Delete(1).Transform(New.Retain(1, BoldRed), true));
    }

    [Fact]
    public void Delete_vs_delete_drops_the_redundant_delete()
    {
        Assert.Equal(New, New.Delete(1).Transform(New.Delete(1), true));
    }

    [Fact]
    public void Retain_vs_insert_keeps_the_insert()
    {
        Assert.Equal(New.Insert("B"), New.Retain(1, Attrs(("color", "blue"))).Transform(New.Insert("B"), true));
    }

    [Fact]
    public void Retain_vs_retain_with_priority_keeps_only_unset_formats()
    {
        var a = New.Retain(1, Attrs(("color", "blue")));
        var b = New.Retain(1, BoldRed);
        Assert.Equal(New.Retain(1, Attrs(("bold", true))), a.Transform(b, true));
        Assert.Equal(New, b.Transform(a, true));
    }

    [Fact]
    public void Retain_vs_retain_without_priority_lets_the_other_win()
    {
        var a = New.Retain(1, Attrs(("color", "blue")));
        var b = New.Retain(1, BoldRed);
        Assert.Equal(New.Retain(1, BoldRed), a.Transform(b, false));
        Assert.Equal(New.Retain(1, Attrs(("color", "blue"))), b.Transform(a, false));
    }

    [Fact]
    public void Retain_with_attributes_vs_delete_keeps_the_delete()
    {
        Assert.Equal(New.Delete(1), New.Retain(1, Attrs(("color", "blue"))).Transform(New.Delete(1), true));
    }

    [Fact]
    public void Format_removal_vs_format_with_priority_keeps_the_unset_removal()
    {
        var a = New.Retain(1, Attrs(("bold", true)));
        var b = New.Retain(1, Attrs(("bold", null), ("italic", null)));
        Assert.Equal(New.Retain(1, Attrs(("italic", null))), a.Transform(b, true));
    }

    [Fact]
    public void Alternating_edits_converge()
    {
        var a = New.Retain(2).Insert("si").Delete(5);
        var b = New.Retain(1).Insert("e").Delete(5).Retain(1).Insert("ow");
        Assert.Equal(New.Retain(1).Insert("e").Delete(1).Retain(2).Insert("ow"), a.Transform(b, false));
        Assert.Equal(New.Retain(2).Insert("si").Delete(1), b.Transform(a, false));
    }

    [Fact]
    public void Conflicting_appends_order_by_priority()
    {
        var a = New.Retain(3).Insert("aa");
        var b = New.Retain(3).Insert("bb");
        Assert.Equal(New.Retain(5).Insert("bb"), a.Transform(b, true));
        Assert.Equal(New.Retain(3).Insert("aa"), b.Transform(a, false));
    }

    [Fact]
    public void Prepend_vs_append()
    {
        var a = New.Insert("aa");
        var b = New.Retain(3).Insert("bb");
        Assert.Equal(New.Retain(5).Insert("bb"), a.Transform(b, false));
        Assert.Equal(New.Insert("aa"), b.Transform(a, false));
    }

    [Fact]
    public void Trailing_deletes_with_different_lengths()
    {
        var a = New.Retain(2).Delete(1);
        var b = New.Delete(3);
        Assert.Equal(New.Delete(2), a.Transform(b, false));
        Assert.Equal(New, b.Transform(a, false));
    }

    [Fact]
    public void Embed_inserts_transform_like_text_of_length_one()
    {
        var a = New.Insert(Image());
        var b = New.Retain(1, Attrs(("bold", true)));
        Assert.Equal(New.Retain(1).Retain(1, Attrs(("bold", true))), a.Transform(b, true));
    }

    [Fact]
    public void Transform_leaves_its_inputs_unchanged()
    {
        var a = New.Insert("A");
        var b = New.Insert("B");
        var aBefore = a.ToJson();
        var bBefore = b.ToJson();
        _ = a.Transform(b, true);
        Assert.Equal(aBefore, a.ToJson());
        Assert.Equal(bBefore, b.ToJson());
    }

    [Theory]
    [InlineData("insert before", 2, false, 3)]
    [InlineData("insert after", 1, false, 1)]
    [InlineData("insert at, without priority", 2, false, 3)]
    [InlineData("insert at, with priority", 2, true, 2)]
    [InlineData("delete before", 4, false, 2)]
    [InlineData("delete after", 2, false, 2)]
    [InlineData("delete across", 2, false, 1)]
    [InlineData("insert and delete before", 4, false, 3)]
    [InlineData("insert before and delete across", 2, false, 2)]
    [InlineData("delete before and delete across", 4, false, 1)]
    public void TransformPosition_moves_a_cursor(string change, int index, bool priority, int expected)
    {
        var delta = change switch
        {
            "insert before" => New.Insert("A"),
            "insert after" => New.Retain(2).Insert("A"),
            "insert at, without priority" or "insert at, with priority" => New.Retain(2).Insert("A"),
            "delete before" => New.Delete(2),
            "delete after" => New.Retain(4).Delete(2),
            "delete across" => New.Retain(1).Delete(4),
            "insert and delete before" => New.Retain(2).Insert("A").Delete(2),
            "insert before and delete across" => New.Retain(1).Insert("A").Delete(3),
            _ => New.Delete(1).Retain(1).Delete(4),
        };
        Assert.Equal(expected, delta.TransformPosition(index, priority));
    }
}
