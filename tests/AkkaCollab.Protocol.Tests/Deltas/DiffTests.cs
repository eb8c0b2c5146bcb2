using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Tests.Shared;
using static AkkaCollab.Protocol.Tests.Support.Build;

namespace AkkaCollab.Protocol.Tests.Deltas;

/// <summary>
/// The diff case matrix (quill-delta's test/delta/diff.js). The expected ops are what
/// quill-delta 5.1 itself returns for the same documents (its fast-diff tie-breaks included).
/// </summary>
public sealed class DiffTests
{
    [Fact]
    public void Appended_text_is_an_insert()
    {
        Assert.Equal(New.Retain(1).Insert("B"), New.Insert("A").Diff(New.Insert("AB")));
    }

    [Fact]
    public void Removed_text_is_a_delete()
    {
        Assert.Equal(New.Retain(1).Delete(1), New.Insert("AB").Diff(New.Insert("A")));
    }

    [Fact]
    public void Equal_documents_have_an_empty_diff()
    {
        Assert.Equal(New, New.Insert("A").Diff(New.Insert("A")));
        var doc = New.Insert("A", Attrs(("bold", true)));
        Assert.Equal(New, doc.Diff(doc));
    }

    [Fact]
    public void A_format_change_is_a_retain_with_attributes()
    {
        Assert.Equal(New.Retain(1, Attrs(("bold", true))), New.Insert("A").Diff(New.Insert("A", Attrs(("bold", true)))));
    }

    [Fact]
    public void Object_attribute_values_compare_deeply()
    {
        var a = New.Insert("A", Attrs(("font", new { family = "Helvetica", size = "15px" })));
        var b = New.Insert("A", AttributeMap.FromJson("""{"font":{"size":"15px","family":"Helvetica"}}"""));
        Assert.Equal(New, a.Diff(b));
    }

    [Fact]
    public void Equal_embeds_are_retained()
    {
        Assert.Equal(New, New.Insert(Image("x")).Diff(New.Insert(Image("x"))));
    }

    [Fact]
    public void Different_embeds_are_replaced()
    {
        Assert.Equal(New.Insert(Image("y")).Delete(1), New.Insert(Image("x")).Diff(New.Insert(Image("y"))));
    }

    [Fact]
    public void An_embed_is_not_the_nul_character_it_stands_for()
    {
        var a = New.Insert("a\0b");
        var b = New.Insert("a").Insert(Image("x")).Insert("b");
        Assert.Equal(New.Retain(1).Insert(Image("x")).Delete(1), a.Diff(b));
    }

    [Fact]
    public void Diff_splits_at_inconvenient_indexes()
    {
        var a = New.Insert("12", Attrs(("bold", true))).Insert("34", Attrs(("italic", true)));
        var b = New.Insert("123", Attrs(("color", "red")));
        var expected = New.Retain(2, Attrs(("bold", null), ("color", "red"))).Retain(1, Attrs(("italic", null), ("color", "red"))).Delete(1);
        Assert.Equal(expected, a.Diff(b));
    }

    [Fact]
    public void Diff_of_a_combination_matches_quill()
    {
        var a = New.Insert("Bad", Attrs(("color", "red"))).Insert("cat", Attrs(("color", "blue")));
        var b = New.Insert("Good", Attrs(("bold", true))).Insert("dog", Attrs(("italic", true)));
        Assert.Equal(New.Insert("Good", Attrs(("bold", true))).Insert("dog", Attrs(("italic", true))).Delete(6), a.Diff(b));
    }

    [Fact]
    public void Semantic_cleanup_aligns_edits_like_fast_diff()
    {
        var diff = New.Insert("The cat came.").Diff(New.Insert("The hat came back."));
        Assert.Equal(New.Retain(4).Insert("h").Delete(1).Retain(7).Insert(" back"), diff);
    }

    [Fact]
    public void A_changed_surrogate_pair_is_replaced_whole()
    {
        Assert.Equal(New.Insert("😁").Delete(2), New.Insert("😀").Diff(New.Insert("😁")));
    }

    [Fact]
    public void A_lone_surrogate_next_to_a_pair_does_not_crash_the_diff()
    {
        // quill-delta overflows its stack on this pair of documents (an embed splits a surrogate pair).
        var a = New.Insert("👍🏽b😀x");
        var b = New.Insert("👍\ud83c").Insert(Image()).Insert("\udffdb😀x");
        Assert.Equal(b, a.Compose(a.Diff(b)));
    }

    [Fact]
    public void Diff_of_a_non_document_is_an_error()
    {
        var document = New.Insert("A");
        var change = New.Insert("A").Retain(1);
        Assert.Equal("diff() called with non-document", Assert.Throws<InvalidOperationException>(() => change.Diff(document)).Message);
        Assert.Equal("diff() called on non-document", Assert.Throws<InvalidOperationException>(() => document.Diff(change)).Message);
    }

    [Fact]
    public void Diff_leaves_its_inputs_unchanged()
    {
        var a = New.Insert("A", Attrs(("color", "red"))).Insert("B");
        var b = New.Insert("C", Attrs(("bold", true)));
        var aBefore = a.ToJson();
        var bBefore = b.ToJson();
        _ = a.Diff(b);
        Assert.Equal(aBefore, a.ToJson());
        Assert.Equal(bBefore, b.ToJson());
    }
}
