using System.Text.Json;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Protocol.Tests.Support.Build;

namespace AkkaCollab.Protocol.Tests.Deltas;

/// <summary>Quill's wire shape: what round-trips, and what is rejected with which message.</summary>
public sealed class JsonTests
{
    [Fact]
    public void A_delta_round_trips_in_quills_wire_shape()
    {
        var delta = New.Insert("Hé😀\n", Attrs(("bold", true), ("link", "https://x"))).Insert(Image("x"), Attrs(("alt", "a")))
            .Retain(3, Attrs(("color", null))).Delete(2);
        var json = delta.ToJson();
        Assert.Equal("""{"ops":[{"insert":"Hé\uD83D\uDE00\n","attributes":{"bold":true,"link":"https://x"}},{"insert":{"image":"x"},"attributes":{"alt":"a"}},{"retain":3,"attributes":{"color":null}},{"delete":2}]}""", json);
        Assert.Equal(delta, Delta.FromJson(json));
    }

    [Fact]
    public void Parsing_normalizes_like_quills_push()
    {
        var delta = Delta.FromJson("""{"ops":[{"insert":"a"},{"insert":""},{"delete":1},{"insert":"b"},{"retain":0},{"retain":2,"attributes":{}}]}""");
        Assert.Equal(New.Insert("ab").Delete(1).Retain(2), delta);
    }

    [Fact]
    public void Counts_written_as_integral_numbers_are_accepted()
    {
        Assert.Equal(New.Retain(3).Delete(1000), Delta.FromJson("""{"ops":[{"retain":3.0},{"delete":1e3}]}"""));
    }

    [Fact]
    public void A_lone_surrogate_in_text_round_trips_as_an_escape()
    {
        var delta = New.Insert("a\ud83d").Retain(1);
        Assert.Equal("""{"ops":[{"insert":"a\ud83d"},{"retain":1}]}""", delta.ToJson());
        Assert.Equal(delta, Delta.FromJson(delta.ToJson()));
        Assert.Equal("\ude00\"", ((InsertOp)Delta.FromJson("""{"ops":[{"insert":"\ude00\""}]}""").Ops[0]).Text);
    }

    [Theory]
    [InlineData("""{"ops":[{"retain":-1}]}""", "ops[0].retain: must be a non-negative integer, got -1")]
    [InlineData("""{"ops":[{"insert":"a"},{"delete":-5}]}""", "ops[1].delete: must be a non-negative integer, got -5")]
    [InlineData("""{"ops":[{"retain":1.5}]}""", "ops[0].retain: must be an integer, got fractional 1.5")]
    [InlineData("""{"ops":[{"delete":2147483648}]}""", "ops[0].delete: is too large (2147483648); the maximum is 2147483647")]
    [InlineData("""{"ops":[{"retain":2147483647},{"retain":1}]}""", "ops[1]: the merged retain is longer than 2147483647")]
    [InlineData("""{"ops":[{"retain":"3"}]}""", "ops[0].retain: must be a non-negative integer, got a string")]
    [InlineData("""{"ops":[{"retain":{"image":"x"}}]}""", "ops[0].retain: object retains (embed changes) are not supported; must be a non-negative integer")]
    [InlineData("""{"ops":[{"insert":"a","delete":1}]}""", "ops[0]: has two actions, 'insert' and 'delete'")]
    [InlineData("""{"ops":[{"insert":"a","bold":true}]}""", "ops[0]: unknown property 'bold'")]
    [InlineData("""{"ops":[{"attributes":{"bold":true}}]}""", "ops[0]: has no action: expected one of 'insert', 'retain', 'delete'")]
    [InlineData("""{"ops":[{"insert":"a","attributes":"bold"}]}""", "ops[0].attributes: must be an object, got a string")]
    [InlineData("""{"ops":[{"insert":"a","attributes":[1]}]}""", "ops[0].attributes: must be an object, got an array")]
    [InlineData("""{"ops":[{"insert":"a","attributes":{"b":1,"b":2}}]}""", "ops[0].attributes: duplicate attribute 'b'")]
    [InlineData("""{"ops":[{"delete":1,"attributes":{"bold":true}}]}""", "ops[0]: a delete takes no attributes")]
    [InlineData("""{"ops":[{"insert":5}]}""", "ops[0].insert: must be a string or an embed object, got a number")]
    [InlineData("""{"ops":[{"insert":null}]}""", "ops[0].insert: must be a string or an embed object, got null")]
    [InlineData("""{"ops":["insert"]}""", "ops[0]: must be an object, got a string")]
    [InlineData("""{"ops":{"insert":"a"}}""", "ops: must be an array, got an object")]
    [InlineData("""{"opz":[]}""", "$: unknown property 'opz'")]
    [InlineData("""{}""", "$: missing \"ops\" array")]
    [InlineData("""[{"insert":"a"}]""", "$: must be an object {\"ops\":[...]}, got an array")]
    [InlineData("""{"ops":[{"insert":"a","attributes":{"link":"\ud800"}}]}""", "ops[0].attributes.link: invalid UTF-16 (a lone surrogate)")]
    public void Malformed_deltas_are_rejected_with_a_message_naming_the_problem(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<DeltaFormatException>(() => Delta.FromJson(json)).Message);
        Assert.False(Delta.TryFromJson(json, out var delta, out var error));
        Assert.Null(delta);
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"ops\":[")]
    [InlineData("{\"ops\":[]} trailing")]
    [InlineData("not json")]
    public void Text_that_is_not_json_is_a_format_error(string json)
    {
        var error = Assert.Throws<DeltaFormatException>(() => Delta.FromJson(json));
        Assert.False(string.IsNullOrEmpty(error.Message));
        Assert.False(Delta.TryFromJson(json, out _, out _));
    }

    [Fact]
    public void TryFromJson_returns_the_delta_on_success()
    {
        Assert.True(Delta.TryFromJson("""{"ops":[{"insert":"a"}]}""", out var delta, out var error));
        Assert.Equal(New.Insert("a"), delta);
        Assert.Null(error);
    }

    private sealed record Envelope(string Doc, Delta Delta);

    [Fact]
    public void A_delta_can_be_a_property_of_another_message()
    {
        var message = new Envelope("d1", New.Insert("a", Attrs(("bold", true))).Delete(1));
        var json = JsonSerializer.Serialize(message);
        Assert.Contains("""{"ops":[{"insert":"a","attributes":{"bold":true}},{"delete":1}]}""", json);
        Assert.Equal(message, JsonSerializer.Deserialize<Envelope>(json));
    }

    [Fact]
    public void An_invalid_delta_inside_a_message_is_a_JsonException_naming_the_problem()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Envelope>("""{"Doc":"d","Delta":{"ops":[{"retain":-1}]}}"""));
        Assert.Contains("ops[0].retain: must be a non-negative integer, got -1", error.Message);
        Assert.IsType<DeltaFormatException>(error.InnerException);
    }

    [Fact]
    public void Deeply_nested_attribute_values_are_rejected_not_crashing()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var json = "{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"x\":" + deep + "}}]}";
        Assert.False(Delta.TryFromJson(json, out _, out var error));
        Assert.NotNull(error);
    }
}
