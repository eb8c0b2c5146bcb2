namespace AkkaCollab.Protocol.Tests.Differential;

public sealed class JsonStructureTests
{
    [Fact]
    public void Object_key_order_is_ignored() =>
        Assert.True(JsonStructure.Equal("""{"insert":"a","attributes":{"bold":true,"header":1}}""", """{"attributes":{"header":1,"bold":true},"insert":"a"}"""));

    [Fact]
    public void Numbers_compare_by_value() =>
        Assert.True(JsonStructure.Equal("""[1.5, 100, 1]""", """[15e-1, 1E2, 1.0]"""));

    [Fact]
    public void A_string_never_equals_a_number_with_the_same_digits() =>
        Assert.False(JsonStructure.Equal("""{"code":"1"}""", """{"code":1}"""));

    [Fact]
    public void Array_order_matters() =>
        Assert.False(JsonStructure.Equal("""[{"retain":1},{"delete":1}]""", """[{"delete":1},{"retain":1}]"""));

    [Fact]
    public void A_missing_or_extra_key_is_a_difference_even_when_null()
    {
        Assert.False(JsonStructure.Equal("""{"bold":null}""", """{}"""));
        Assert.False(JsonStructure.Equal("""{}""", """{"bold":null}"""));
    }

    [Fact]
    public void An_extra_array_element_is_a_difference() =>
        Assert.False(JsonStructure.Equal("""{"ops":[{"insert":"a"}]}""", """{"ops":[{"insert":"a"},{"retain":1}]}"""));

    [Fact]
    public void Strings_with_lone_surrogates_compare_by_value_whatever_the_escaping()
    {
        Assert.True(JsonStructure.Equal("""["<b>\n\ud83d"]""", """["\u003cb\u003E\u000a\uD83D"]"""));
        Assert.False(JsonStructure.Equal("""["a\ud83d"]""", """["a\ud83e"]"""));
        Assert.False(JsonStructure.Equal("""["a\ud83d"]""", """["a\ufffd"]"""));
    }

    [Fact]
    public void The_first_difference_is_named_by_its_path()
    {
        using var expected = System.Text.Json.JsonDocument.Parse("""{"ops":[{"insert":"a"},{"retain":2}]}""");
        using var actual = System.Text.Json.JsonDocument.Parse("""{"ops":[{"insert":"a"},{"retain":3}]}""");

        Assert.Equal("$.ops[1].retain", JsonStructure.FirstDifference(expected.RootElement, actual.RootElement));
    }
}
