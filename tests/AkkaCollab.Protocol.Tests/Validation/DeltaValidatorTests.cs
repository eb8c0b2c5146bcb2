using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Validation;
using static AkkaCollab.Protocol.Tests.Support.Build;

namespace AkkaCollab.Protocol.Tests.Validation;

/// <summary>The server's checks on client deltas: each bad input gets its error code and a message naming where.</summary>
public sealed class DeltaValidatorTests
{
    private static readonly DeltaValidator Validator = DeltaValidator.Default;

    private static void AssertRejected(ValidationResult result, ErrorCode code, string message)
    {
        Assert.False(result.IsValid);
        Assert.Equal(code, result.Code);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void A_change_that_fits_the_document_is_valid()
    {
        var change = New.Retain(3, Attrs(("bold", true))).Insert("x", Attrs(("link", "https://example.com"))).Delete(2);
        var result = Validator.ValidateChange(change, 5);
        Assert.True(result.IsValid, result.ToString());
        Assert.Null(result.Code);
        Assert.Null(result.Message);
    }

    [Fact]
    public void A_change_longer_than_the_document_is_a_bad_op()
    {
        AssertRejected(Validator.ValidateChange(New.Retain(3).Delete(3), 5), ErrorCode.BadOp,
            "delta: retains and deletes 6 characters but the document has 5");
    }

    [Fact]
    public void A_document_must_have_inserts_only()
    {
        Assert.True(Validator.ValidateDocument(New.Insert("a").Insert(Image())).IsValid);
        AssertRejected(Validator.ValidateDocument(New.Insert("a").Retain(2)), ErrorCode.BadOp,
            "ops[1]: a document has inserts only, got retain 2");
    }

    [Fact]
    public void Too_many_ops_is_too_large()
    {
        var validator = new DeltaValidator(new DeltaValidationOptions { MaxOps = 2 });
        AssertRejected(validator.ValidateChange(New.Retain(1).Delete(1).Insert("a"), 10), ErrorCode.TooLarge,
            "delta: 3 ops, the limit is 2");
    }

    [Fact]
    public void Inserting_too_much_text_is_too_large()
    {
        var validator = new DeltaValidator(new DeltaValidationOptions { MaxInsertLength = 3 });
        Assert.True(validator.ValidateChange(New.Insert("abc"), 0).IsValid);
        AssertRejected(validator.ValidateChange(New.Insert("ab").Retain(1).Insert("cd"), 1), ErrorCode.TooLarge,
            "delta: inserts 4 characters, the limit is 3");
    }

    [Fact]
    public void Growing_the_document_past_its_limit_is_too_large()
    {
        var validator = new DeltaValidator(new DeltaValidationOptions { MaxDocumentLength = 10 });
        AssertRejected(validator.ValidateChange(New.Retain(8).Insert("abc"), 8), ErrorCode.TooLarge,
            "delta: the document would have 11 characters, the limit is 10");
    }

    [Fact]
    public void A_format_off_the_allow_list_is_a_bad_attribute()
    {
        AssertRejected(Validator.ValidateChange(New.Insert("a", Attrs(("onclick", "x"))), 0), ErrorCode.BadAttribute,
            "ops[0].attributes.onclick: format 'onclick' is not allowed");
    }

    [Fact]
    public void The_allow_list_is_configurable()
    {
        var validator = new DeltaValidator(new DeltaValidationOptions { AllowedFormats = new HashSet<string>(["bold", "mention"]) });
        Assert.True(validator.ValidateChange(New.Insert("a", Attrs(("mention", "@ann"))), 0).IsValid);
        Assert.Equal(ErrorCode.BadAttribute, validator.ValidateChange(New.Insert("a", Attrs(("italic", true))), 0).Code);
    }

    [Fact]
    public void Every_standard_quill_format_is_allowed_with_its_usual_values()
    {
        var attributes = AttributeMap.FromJson("""
            {"bold":true,"italic":true,"underline":true,"strike":true,"code":true,"link":"https://x","color":"#ff0000",
             "background":"rgb(0, 0, 255)","font":"serif","size":"large","script":"super","header":2,"list":"bullet",
             "blockquote":true,"code-block":"javascript","indent":3,"align":"center","direction":"rtl"}
            """);
        var result = Validator.ValidateChange(New.Insert("a\n", attributes), 0);
        Assert.True(result.IsValid, result.ToString());
    }

    [Theory]
    [InlineData("""{"bold":"yes"}""", "ops[0].attributes.bold: must be true or false, got \"yes\"")]
    [InlineData("""{"header":7}""", "ops[0].attributes.header: must be an integer from 1 to 6, got 7")]
    [InlineData("""{"list":"weird"}""", "ops[0].attributes.list: must be one of ordered, bullet, checked, unchecked, got \"weird\"")]
    [InlineData("""{"color":"red;background:url(x)"}""", "ops[0].attributes.color: must be a CSS color, got \"red;background:url(x)\"")]
    [InlineData("""{"font":"x\"><script>"}""", "ops[0].attributes.font: must be a font or size name, got \"x\\\"><script>\"")]
    [InlineData("""{"link":42}""", "ops[0].attributes.link: must be a URL string, got 42")]
    public void A_format_with_the_wrong_kind_of_value_is_a_bad_attribute(string attributes, string message)
    {
        AssertRejected(Validator.ValidateChange(New.Insert("a", AttributeMap.FromJson(attributes)), 0), ErrorCode.BadAttribute, message);
    }

    [Fact]
    public void Removing_an_allowed_format_with_null_is_valid()
    {
        Assert.True(Validator.ValidateChange(New.Retain(2, Attrs(("link", null), ("header", null))), 2).IsValid);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    public void An_unsafe_link_is_rejected(string url)
    {
        var result = Validator.ValidateChange(New.Retain(1).Retain(2, Attrs(("link", url))), 3);
        Assert.Equal(ErrorCode.UnsafeLink, result.Code);
        Assert.StartsWith("ops[1].attributes.link: unsafe link scheme in ", result.Message);
    }

    [Fact]
    public void Standard_embeds_are_allowed_and_others_are_not()
    {
        Assert.True(Validator.ValidateChange(New.Insert(Image()).Insert(Embed.Create("video", "https://v")).Insert(Embed.Create("formula", "x^2")), 0).IsValid);
        AssertRejected(Validator.ValidateChange(New.Insert(Embed.Create("iframe", "https://x")), 0), ErrorCode.BadAttribute,
            "ops[0].insert.iframe: embed 'iframe' is not allowed");
    }

    [Fact]
    public void An_embed_must_have_exactly_one_key()
    {
        AssertRejected(Validator.ValidateChange(New.Insert(Embed.FromJson("""{"image":"https://x","video":"https://y"}""")), 0),
            ErrorCode.BadAttribute, "ops[0].insert: an embed has exactly one key, got 2");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/svg+xml,<svg onload=alert(1)>")]
    [InlineData("mailto:a@b")]
    public void An_image_with_an_unsafe_source_is_rejected(string url)
    {
        var result = Validator.ValidateChange(New.Insert(Image(url)), 0);
        Assert.Equal(ErrorCode.UnsafeLink, result.Code);
        Assert.StartsWith("ops[0].insert.image: unsafe URL scheme in ", result.Message);
    }

    [Fact]
    public void An_overlong_value_is_too_large()
    {
        var validator = new DeltaValidator(new DeltaValidationOptions { MaxValueLength = 20 });
        AssertRejected(validator.ValidateChange(New.Insert("a", Attrs(("link", "https://example.com/long"))), 0), ErrorCode.TooLarge,
            "ops[0].attributes.link: 24 characters, the limit is 20");
    }

    [Fact]
    public void Validation_reports_the_first_problem_and_never_throws_on_client_input()
    {
        var json = """{"ops":[{"retain":1},{"insert":"x","attributes":{"bold":{"deep":[1,2,{"x":null}]}}},{"insert":{"image":{"src":1}}}]}""";
        var delta = Delta.FromJson(json);
        var result = Validator.ValidateChange(delta, 1);
        AssertRejected(result, ErrorCode.BadAttribute, "ops[1].attributes.bold: must be true or false, got {\"deep\":[1,2,{\"x\":null}]}");
    }
}
