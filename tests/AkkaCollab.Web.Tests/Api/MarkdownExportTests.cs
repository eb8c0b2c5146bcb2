using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Api;

namespace AkkaCollab.Web.Tests.Api;

public sealed class MarkdownExportTests
{
    private static AttributeMap A(params (string Key, object? Value)[] pairs) => AttributeMap.From(pairs);

    [Fact]
    public void Headings_paragraphs_and_quotes_are_blocks_separated_by_a_blank_line()
    {
        var document = Delta.Empty
            .Insert("Title").Insert("\n", A(("header", 1)))
            .Insert("Part").Insert("\n", A(("header", 6)))
            .Insert("one\n\n\ntwo\n")
            .Insert("said").Insert("\n", A(("blockquote", true)))
            .Insert("again").Insert("\n", A(("blockquote", true)));

        Assert.Equal("# Title\n\n###### Part\n\none\n\ntwo\n\n> said\n>\n> again\n", MarkdownExport.Render(document));
    }

    [Fact]
    public void Inline_formats_nest_and_keep_spaces_outside_their_delimiters()
    {
        var document = Delta.Empty
            .Insert("bold ", A(("bold", true)))
            .Insert("both", A(("bold", true), ("italic", true)))
            .Insert(" italic", A(("italic", true)))
            .Insert(" gone", A(("strike", true)))
            .Insert(" and ")
            .Insert("x()", A(("code", true)))
            .Insert("\n")
            .Insert("tight", A(("bold", true)))
            .Insert("ly", A(("italic", true)))
            .Insert("\n");

        Assert.Equal("**bold *both*** *italic* ~~gone~~ and `x()`\n\n**tight**_ly_\n", MarkdownExport.Render(document));
    }

    [Fact]
    public void Emphasis_that_delimiters_cannot_mark_and_code_next_to_a_backtick_are_written_as_inline_html()
    {
        var document = Delta.Empty
            .Insert("say").Insert("\"q\"", A(("bold", true))).Insert("now")
            .Insert(" `").Insert("x*", A(("code", true)))
            .Insert(" ").Insert("]:", A(("code", true), ("link", "https://e.com")))
            .Insert("\n");

        Assert.Equal("say<strong>\"q\"</strong>now \\`<code>x\\*</code> [<code>\\]:</code>](https://e.com)\n", MarkdownExport.Render(document));
    }

    [Fact]
    public void Links_enclose_their_formats_and_unsafe_links_keep_only_their_text()
    {
        var document = Delta.Empty
            .Insert("Wow!")
            .Insert("site ", A(("link", "https://example.com/a (1)")))
            .Insert("here", A(("link", "https://example.com/a (1)"), ("bold", true)))
            .Insert(" and ")
            .Insert("this", A(("link", "javascript:alert(1)")))
            .Insert("\n");

        Assert.Equal("Wow\\![site **here**](https://example.com/a%20\\(1\\)) and this\n", MarkdownExport.Render(document));
    }

    [Fact]
    public void Lists_nest_by_indent_to_the_text_of_their_parent_and_number_per_level()
    {
        var ordered = A(("list", "ordered"));
        var document = Delta.Empty
            .Insert("a").Insert("\n", ordered)
            .Insert("b").Insert("\n", ordered)
            .Insert("b1").Insert("\n", A(("list", "bullet"), ("indent", 1)))
            .Insert("b1x").Insert("\n", A(("list", "ordered"), ("indent", 2)))
            .Insert("b2").Insert("\n", A(("list", "bullet"), ("indent", 1)))
            .Insert("c").Insert("\n", ordered)
            .Insert("done").Insert("\n", A(("list", "checked")))
            .Insert("todo").Insert("\n", A(("list", "unchecked")))
            .Insert("after\n")
            .Insert("again").Insert("\n", ordered);

        Assert.Equal(
            "1. a\n2. b\n   - b1\n     1. b1x\n   - b2\n3. c\n- [x] done\n- [ ] todo\n\nafter\n\n1. again\n",
            MarkdownExport.Render(document));
    }

    [Fact]
    public void Code_blocks_are_fenced_longer_than_any_backtick_run_inside()
    {
        var code = A(("code-block", true));
        var document = Delta.Empty
            .Insert("- item").Insert("\n", A(("list", "bullet")))
            .Insert("let s = ```*x*```;").Insert("\n", code)
            .Insert("  <b>").Insert("\n", code)
            .Insert("print(1)").Insert("\n", A(("code-block", "python")))
            .Insert("tick`", A(("code", true)))
            .Insert("\n");

        Assert.Equal(
            "- \\- item\n\n````\nlet s = ```*x*```;\n  <b>\n````\n\n```python\nprint(1)\n```\n\n`` tick` ``\n",
            MarkdownExport.Render(document));
    }

    [Fact]
    public void Markdown_characters_in_text_stay_literal()
    {
        var document = Delta.Empty
            .Insert("# not a heading *or* _this_ [x](y) <b> `c` ~s~ \\ &amp; & AT&T\n")
            .Insert("1. not a list\n")
            .Insert("2024) nor this\n")
            .Insert("- nor\n")
            .Insert("+ this\n")
            .Insert("> nor a quote\n")
            .Insert("---\n")
            .Insert("    indented\n")
            .Insert("in 1. the middle - is + fine > too\n");

        Assert.Equal(
            "\\# not a heading \\*or\\* \\_this\\_ \\[x\\](y) \\<b> \\`c\\` \\~s\\~ \\\\ \\&amp; & AT&T\n\n"
            + "1\\. not a list\n\n2024\\) nor this\n\n\\- nor\n\n\\+ this\n\n\\> nor a quote\n\n\\---\n\nindented\n\n"
            + "in 1. the middle - is + fine > too\n",
            MarkdownExport.Render(document));
    }

    [Fact]
    public void Safe_images_become_image_syntax_and_other_embeds_are_dropped()
    {
        var document = Delta.Empty
            .Insert("see ")
            .Insert(Embed.Create("image", "https://example.com/a b.png"))
            .Insert(Embed.Create("image", "javascript:alert(1)"))
            .Insert(Embed.Create("video", "https://example.com/v"))
            .Insert(Embed.Create("formula", "e=mc^2"))
            .Insert(" end\n");

        Assert.Equal("see ![](https://example.com/a%20b.png) end\n", MarkdownExport.Render(document));
    }

    [Fact]
    public void An_empty_document_is_empty_and_the_input_is_unchanged()
    {
        var document = Delta.Empty.Insert("x", A(("bold", true))).Insert("\n");
        var before = document.ToJson();

        Assert.Equal("", MarkdownExport.Render(Delta.Empty.Insert("\n")));
        Assert.Equal("**x**\n", MarkdownExport.Render(document));
        Assert.Equal(before, document.ToJson());
    }
}
