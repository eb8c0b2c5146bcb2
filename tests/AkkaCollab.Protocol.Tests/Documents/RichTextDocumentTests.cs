using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Documents;

namespace AkkaCollab.Protocol.Tests.Documents;

public sealed class RichTextDocumentTests
{
    private static readonly AttributeMap Bold = AttributeMap.From(("bold", true));

    [Fact]
    public void Empty_document_has_no_content()
    {
        Assert.Equal(0, RichTextDocument.Empty.Length);
        Assert.Equal(Delta.Empty, RichTextDocument.Empty.ToDelta());
        Assert.Equal(string.Empty, RichTextDocument.Empty.PlainText());
    }

    [Fact]
    public void FromDelta_round_trips_formats_and_embeds()
    {
        var content = Delta.Empty
            .Insert("Hello ", Bold)
            .Insert("world")
            .Insert(Embed.Create("image", "https://example.com/a.png"))
            .Insert("\n", AttributeMap.From(("header", 1)));
        var document = RichTextDocument.FromDelta(content);
        Assert.Equal(content, document.ToDelta());
        Assert.Equal(13, document.Length);
        Assert.Equal("Hello world\n", document.PlainText());
    }

    [Fact]
    public void FromDelta_rejects_a_change_that_is_not_a_document()
    {
        var error = Assert.Throws<ArgumentException>(() => RichTextDocument.FromDelta(Delta.Empty.Insert("a").Delete(1)));
        Assert.Contains("inserts only", error.Message);
    }

    [Fact]
    public void Insert_in_the_middle_of_formatted_text_splits_the_run()
    {
        var document = RichTextDocument.FromDelta(Delta.Empty.Insert("abcd", Bold));
        var changed = document.Apply(Delta.Empty.Retain(2).Insert("X"));
        Assert.Equal(Delta.Empty.Insert("ab", Bold).Insert("X").Insert("cd", Bold), changed.ToDelta());
    }

    [Fact]
    public void Insert_with_the_neighbours_format_merges_into_one_run()
    {
        var document = RichTextDocument.FromDelta(Delta.Empty.Insert("ab", Bold).Insert("X").Insert("cd", Bold));
        var changed = document.Apply(Delta.Empty.Retain(2).Delete(1).Insert("Y", Bold));
        Assert.Equal(Delta.Empty.Insert("abYcd", Bold), changed.ToDelta());
    }

    [Fact]
    public void Retain_with_null_removes_the_format_on_the_document()
    {
        var document = RichTextDocument.FromDelta(Delta.Empty.Insert("abcd", AttributeMap.From(("bold", true), ("italic", true))));
        var change = Delta.Empty.Retain(1).Retain(2, AttributeMap.FromJson("""{"bold":null}"""));
        var expected = Delta.Empty.Insert("a", AttributeMap.From(("bold", true), ("italic", true)))
            .Insert("bc", AttributeMap.From(("italic", true)))
            .Insert("d", AttributeMap.From(("bold", true), ("italic", true)));
        Assert.Equal(expected, document.Apply(change).ToDelta());
    }

    [Fact]
    public void Retain_formats_an_embed()
    {
        var image = Embed.Create("image", "a.png");
        var document = RichTextDocument.FromDelta(Delta.Empty.Insert("a").Insert(image));
        var changed = document.Apply(Delta.Empty.Retain(1).Retain(1, AttributeMap.From(("width", "10"))));
        Assert.Equal(Delta.Empty.Insert("a").Insert(image, AttributeMap.From(("width", "10"))), changed.ToDelta());
    }

    [Fact]
    public void Large_paste_is_split_into_bounded_leaves_and_read_back_as_one_insert()
    {
        var text = new string('x', 70_000) + "😀" + new string('y', 3);
        var document = RichTextDocument.Empty.Apply(Delta.Empty.Insert(text));
        Assert.Null(RopeInvariants.FirstViolation(document));
        Assert.Equal(Delta.Empty.Insert(text), document.ToDelta());
        var deleted = document.Apply(Delta.Empty.Retain(5).Delete(69_990));
        Assert.Null(RopeInvariants.FirstViolation(deleted));
        Assert.Equal("xxxxx" + text[69_995..], deleted.PlainText());
    }

    [Fact]
    public void Deleting_everything_gives_the_empty_document()
    {
        var document = RichTextDocument.FromDelta(Delta.Empty.Insert(new string('a', 20_000)));
        var deleted = document.Apply(Delta.Empty.Delete(20_000));
        Assert.Equal(0, deleted.Length);
        Assert.Equal(Delta.Empty, deleted.ToDelta());
    }

    [Fact]
    public void Change_longer_than_the_document_is_rejected_and_names_both_lengths()
    {
        var document = RichTextDocument.FromDelta(Delta.Empty.Insert("abc"));
        var error = Assert.Throws<ArgumentException>(() => document.Apply(Delta.Empty.Retain(2).Delete(2)));
        Assert.Contains("4", error.Message);
        Assert.Contains("3", error.Message);
        Assert.Equal("abc", document.PlainText());
    }

    [Theory]
    [InlineData("""{"ops":[{"retain":4,"attributes":{"bold":true}}]}""")]
    [InlineData("""{"ops":[{"retain":3},{"delete":1}]}""")]
    [InlineData("""{"ops":[{"insert":"x"},{"retain":4}]}""")]
    public void Change_that_reaches_past_the_end_is_rejected(string change)
    {
        var document = RichTextDocument.FromDelta(Delta.Empty.Insert("abc"));
        var error = Assert.Throws<ArgumentException>(() => document.Apply(Delta.FromJson(change)));
        Assert.Contains("has only 3", error.Message);
    }

    [Fact]
    public void Change_that_only_retains_returns_the_same_document()
    {
        var document = RichTextDocument.FromDelta(Delta.Empty.Insert("abc"));
        Assert.Same(document, document.Apply(Delta.Empty.Retain(3)));
    }

    [Fact]
    public void Slice_clamps_the_end_and_rejects_a_negative_start()
    {
        var document = RichTextDocument.FromDelta(Delta.Empty.Insert("ab", Bold).Insert("cd"));
        Assert.Equal(Delta.Empty.Insert("b", Bold).Insert("cd"), document.Slice(1, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => document.Slice(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => document.Slice(3, 2));
    }
}
