using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Documents;

namespace AkkaCollab.Protocol.Tests.Deltas;

/// <summary>
/// The naive design stored documents as HTML snapshots, so markup typed or pasted by a user
/// could become live markup for everyone. Here the document is a Delta: text is text.
/// </summary>
public class DocumentIsDeltaTests
{
    [Theory]
    [InlineData("<p>hello</p>")]
    [InlineData("\"<script>alert(1)</script>\"")]
    [InlineData("""{"html":"<b>x</b>"}""")]
    public void Html_is_not_accepted_where_a_delta_is_expected(string body)
    {
        Assert.False(Delta.TryFromJson(body, out var delta, out var error));
        Assert.Null(delta);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Markup_typed_into_a_document_stays_plain_text()
    {
        const string typed = "<img src=x onerror=alert(1)>";
        var document = RichTextDocument.Empty.Apply(Delta.Empty.Insert(typed).Insert("\n"));

        var stored = Delta.FromJson(document.ToDelta().ToJson());

        var insert = Assert.IsType<InsertOp>(Assert.Single(stored.Ops));
        Assert.Equal(typed + "\n", insert.Text);
        Assert.Null(insert.Attributes);
    }
}
