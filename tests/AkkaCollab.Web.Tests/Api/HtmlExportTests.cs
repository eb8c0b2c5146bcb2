using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Api;

namespace AkkaCollab.Web.Tests.Api;

public sealed class HtmlExportTests
{
    [Fact]
    public void Lists_code_blocks_and_inline_formats_map_to_their_tags()
    {
        var document = Delta.Empty
            .Insert("first").Insert("\n", AttributeMap.From(("list", "bullet")))
            .Insert("second", AttributeMap.From(("italic", true))).Insert("\n", AttributeMap.From(("list", "bullet")))
            .Insert("x < y").Insert("\n", AttributeMap.From(("code-block", true)))
            .Insert("H").Insert("2", AttributeMap.From(("script", "sub"))).Insert("O\n");

        Assert.Equal(
            "<ul><li>first</li><li><em>second</em></li></ul><pre>x &lt; y\n</pre><p>H<sub>2</sub>O</p>",
            HtmlExport.Render(document));
    }

    [Fact]
    public void Unsafe_links_and_images_are_dropped_and_other_formats_ignored()
    {
        var document = Delta.Empty
            .Insert("click", AttributeMap.From(("link", "javascript:alert(1)"), ("color", "red\" onmouseover=\"x")))
            .Insert(Embed.Create("image", "data:text/html,<script>"))
            .Insert(Embed.Create("image", "https://example.com/a.png?x=\"1\""))
            .Insert("\n");

        Assert.Equal(
            "<p>click<img src=\"https://example.com/a.png?x=&quot;1&quot;\" alt=\"\"></p>",
            HtmlExport.Render(document));
    }
}
