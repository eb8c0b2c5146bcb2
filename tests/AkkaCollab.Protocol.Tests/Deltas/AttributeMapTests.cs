using System.Text.Json;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Protocol.Tests.Support.Build;

namespace AkkaCollab.Protocol.Tests.Deltas;

/// <summary>AttributeMap's value semantics and its four operations (quill-delta's test/attributes.js).</summary>
public sealed class AttributeMapTests
{
    private static readonly AttributeMap BoldRed = Attrs(("bold", true), ("color", "red"));

    [Fact]
    public void Equality_is_deep_and_ignores_key_order()
    {
        var a = AttributeMap.FromJson("""{"font":{"family":"serif","size":[1,2]},"bold":true}""");
        var b = AttributeMap.FromJson("""{"bold":true,"font":{"size":[1,2],"family":"serif"}}""");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, AttributeMap.FromJson("""{"bold":true,"font":{"size":[2,1],"family":"serif"}}"""));
        Assert.NotEqual(Attrs(("size", 1)), Attrs(("size", "1")));
        Assert.Equal(Attrs(("size", 1)), AttributeMap.FromJson("""{"size":1.0}"""));
    }

    [Fact]
    public void Read_access_distinguishes_null_from_absent()
    {
        var map = Attrs(("link", "https://x"), ("bold", null));
        Assert.Equal(2, map.Count);
        Assert.Equal(["link", "bold"], map.Keys);
        Assert.True(map.TryGetString("link", out var link));
        Assert.Equal("https://x", link);
        Assert.False(map.TryGetString("bold", out _));
        Assert.True(map.IsNull("bold"));
        Assert.False(map.IsNull("italic"));
        Assert.False(map.ContainsKey("italic"));
        Assert.Equal(JsonValueKind.Null, map["bold"].ValueKind);
    }

    [Fact]
    public void Attributes_that_are_not_a_json_object_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => AttributeMap.FromJson("[1]"));
    }

    [Fact]
    public void Compose_with_nothing_keeps_the_other_side()
    {
        Assert.Equal(BoldRed, AttributeMap.Compose(null, BoldRed, false));
        Assert.Equal(BoldRed, AttributeMap.Compose(BoldRed, null, false));
        Assert.Null(AttributeMap.Compose(null, null, false));
    }

    [Fact]
    public void Compose_adds_and_overwrites_formats()
    {
        Assert.Equal(Attrs(("bold", true), ("color", "red"), ("italic", true)), AttributeMap.Compose(BoldRed, Attrs(("italic", true)), false));
        Assert.Equal(Attrs(("bold", true), ("color", "blue")), AttributeMap.Compose(BoldRed, Attrs(("color", "blue")), false));
    }

    [Fact]
    public void Compose_removals_remove_unless_null_is_kept()
    {
        Assert.Equal(Attrs(("color", "red")), AttributeMap.Compose(BoldRed, Attrs(("bold", null)), false));
        Assert.Null(AttributeMap.Compose(BoldRed, Attrs(("bold", null), ("color", null)), false));
        Assert.Equal(Attrs(("bold", null), ("color", "red")), AttributeMap.Compose(BoldRed, Attrs(("bold", null)), true));
        Assert.Equal(BoldRed, AttributeMap.Compose(BoldRed, Attrs(("italic", null)), false));
    }

    [Fact]
    public void Diff_lists_changed_added_and_removed_formats()
    {
        Assert.Null(AttributeMap.Diff(BoldRed, BoldRed));
        Assert.Equal(Attrs(("italic", true)), AttributeMap.Diff(BoldRed, Attrs(("bold", true), ("color", "red"), ("italic", true))));
        Assert.Equal(Attrs(("bold", null)), AttributeMap.Diff(BoldRed, Attrs(("color", "red"))));
        Assert.Equal(Attrs(("color", "blue")), AttributeMap.Diff(BoldRed, Attrs(("bold", true), ("color", "blue"))));
        Assert.Equal(BoldRed, AttributeMap.Diff(null, BoldRed));
        Assert.Equal(Attrs(("bold", null), ("color", null)), AttributeMap.Diff(BoldRed, null));
    }

    [Fact]
    public void Invert_undoes_a_format_change()
    {
        var baseAttrs = Attrs(("bold", true), ("italic", true));
        Assert.Equal(Attrs(("bold", true), ("color", null)), AttributeMap.Invert(Attrs(("bold", null), ("color", "red")), baseAttrs));
        Assert.Equal(Attrs(("bold", null)), AttributeMap.Invert(Attrs(("bold", true)), null));
        Assert.Null(AttributeMap.Invert(null, baseAttrs));
        Assert.Null(AttributeMap.Invert(Attrs(("bold", true)), Attrs(("bold", true))));
    }

    [Fact]
    public void Invert_treats_equal_object_values_as_different_like_quill()
    {
        // quill-delta compares with ===, and two parsed objects are never the same reference.
        var font = new { family = "serif" };
        Assert.Equal(Attrs(("font", font)), AttributeMap.Invert(Attrs(("font", font)), Attrs(("font", font))));
    }

    [Fact]
    public void Transform_without_priority_lets_the_other_side_win()
    {
        var left = Attrs(("bold", true), ("color", "red"), ("font", null));
        var right = Attrs(("color", "blue"), ("font", "serif"), ("italic", true));
        Assert.Equal(right, AttributeMap.Transform(left, right, false));
        Assert.Equal(right, AttributeMap.Transform(null, right, true));
        Assert.Null(AttributeMap.Transform(left, null, true));
    }

    [Fact]
    public void Transform_with_priority_keeps_only_formats_the_first_side_did_not_set()
    {
        var left = Attrs(("bold", true), ("color", "red"), ("font", null));
        var right = Attrs(("color", "blue"), ("font", "serif"), ("italic", true));
        Assert.Equal(Attrs(("italic", true)), AttributeMap.Transform(left, right, true));
        Assert.Null(AttributeMap.Transform(right, Attrs(("color", "red")), true));
    }

    [Fact]
    public void With_and_Without_return_new_maps()
    {
        var map = Attrs(("bold", true));
        Assert.Equal(Attrs(("bold", true), ("color", "red")), map.With("color", "red"));
        Assert.Empty(map.Without("bold"));
        Assert.Single(map);
    }
}
