using System.Text;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Tests.Shared;

namespace AkkaCollab.Protocol.Tests.Wire;

public class ClientMessageReaderTests
{
    private static ClientMessage Read(string json)
    {
        Assert.True(ClientMessageReader.TryRead(Encoding.UTF8.GetBytes(json), out var message, out var error), error?.Message);
        return message!;
    }

    private static ServerMessages.Error Reject(string json)
    {
        Assert.False(ClientMessageReader.TryRead(Encoding.UTF8.GetBytes(json), out var message, out var error));
        Assert.Null(message);
        return error!;
    }

    public static TheoryData<ClientMessage> EveryClientMessage() => new()
    {
        new ClientMessages.Hello(1, "a.b.c"),
        new ClientMessages.Hello(1, null),
        new ClientMessages.Auth("h.p.s"),
        new ClientMessages.Subscribe("doc-1", 42),
        new ClientMessages.Subscribe("doc-1", null),
        new ClientMessages.Unsubscribe("doc_2"),
        new ClientMessages.Submit("doc.3", "client-a", 7, 12, Delta.Empty.Retain(3).Insert("héllo 😀", AttributeMap.From(("bold", true))).Delete(2)),
        new ClientMessages.Presence("d", 5, new CursorRange(3, 0)),
        new ClientMessages.Presence("d", 5, null),
        new ClientMessages.Presence("d", 5, null, Idle: true),
        new ClientMessages.Ping(99),
        new ClientMessages.Pong(null),
    };

    [Theory]
    [MemberData(nameof(EveryClientMessage))]
    public void Every_client_message_round_trips_through_the_wire(ClientMessage message)
    {
        var bytes = ClientMessageWriter.Encode(message);
        Assert.True(ClientMessageReader.TryRead(bytes, out var read, out var error), error?.Message);
        Assert.Equal(message, read);
    }

    [Fact]
    public void A_submit_reads_into_its_fields()
    {
        var submit = Assert.IsType<ClientMessages.Submit>(
            Read("""{"a":"op","doc":"d1","client":"c1","seq":3,"rev":10,"delta":{"ops":[{"retain":2},{"insert":"x"}]}}"""));
        Assert.Equal(("d1", "c1", 3L, 10L), (submit.Doc, submit.Client, submit.Seq, submit.Rev));
        Assert.Equal(Delta.Empty.Retain(2).Insert("x"), submit.Delta);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{}", "needs a string action")]
    [InlineData("""{"a":7}""", "needs a string action")]
    [InlineData("""{"a":"launch"}""", "unknown action \"launch\"")]
    [InlineData("""{"a":"sub"}""", "sub.doc: is required")]
    [InlineData("""{"a":"sub","doc":""}""", "sub.doc: must be 1 to 128 characters")]
    [InlineData("""{"a":"sub","doc":"a/b"}""", "sub.doc: may only contain")]
    [InlineData("""{"a":"sub","doc":"d","from":-1}""", "sub.from: must be an integer from 0")]
    [InlineData("""{"a":"sub","doc":"d","from":1.5}""", "sub.from: must be an integer")]
    [InlineData("""{"a":"sub","doc":"d","from":1e400}""", "sub.from: must be an integer")]
    [InlineData("""{"a":"sub","doc":"d","from":"3"}""", "sub.from: must be an integer")]
    [InlineData("""{"a":"sub","doc":"d","extra":1}""", "sub.extra: unknown field")]
    [InlineData("""{"a":"hello"}""", "hello.v: is required")]
    [InlineData("""{"a":"auth"}""", "auth.token: is required")]
    [InlineData("""{"a":"auth","token":""}""", "auth.token: must be 1 to 8192 characters")]
    [InlineData("""{"a":"presence","doc":"d","rev":1,"range":{"index":-2,"length":0}}""", "presence.range.index")]
    [InlineData("""{"a":"presence","doc":"d","rev":1,"range":[1]}""", "presence.range: must be an object")]
    [InlineData("""{"a":"presence","doc":"d","rev":1,"range":null,"idle":"yes"}""", "presence.idle: must be true or false")]
    public void A_malformed_frame_is_rejected_with_a_message_naming_the_problem(string frame, string expected)
    {
        var error = Reject(frame);
        Assert.Equal(ErrorCode.BadMessage, error.Code);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""{"a":"op","doc":"d","client":"c","seq":0,"rev":0,"delta":{"ops":[]}}""", "op.seq: must be an integer from 1")]
    [InlineData("""{"a":"op","doc":"d","client":"c","seq":9007199254740992,"rev":0,"delta":{"ops":[]}}""", "op.seq")]
    [InlineData("""{"a":"op","doc":"d","client":"c d","seq":1,"rev":0,"delta":{"ops":[]}}""", "op.client: may only contain")]
    [InlineData("""{"a":"op","doc":"d","client":"c","seq":1,"delta":{"ops":[]}}""", "op.rev: is required")]
    public void A_submit_with_bad_fields_is_a_bad_message_that_names_its_seq(string frame, string expected)
    {
        var error = Reject(frame);
        Assert.Equal(ErrorCode.BadMessage, error.Code);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""{"ops":[{"retain":-1}]}""")]
    [InlineData("""{"ops":[{"insert":"a","delete":1}]}""")]
    [InlineData("""{"ops":"x"}""")]
    [InlineData("""[1]""")]
    public void A_submit_with_a_malformed_delta_is_a_bad_op_for_that_doc_and_seq(string delta)
    {
        var error = Reject($$"""{"a":"op","doc":"d9","client":"c","seq":4,"rev":0,"delta":{{delta}}}""");
        Assert.Equal((ErrorCode.BadOp, "d9", 4L), (error.Code, error.Doc, error.Seq));
        Assert.StartsWith("op.delta: ", error.Message);
    }

    [Fact]
    public void Deeply_nested_json_is_rejected_without_a_crash()
    {
        var frame = """{"a":"sub","doc":"d","from":""" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Assert.Equal(ErrorCode.BadMessage, Reject(frame).Code);
    }

    [Fact]
    public void Random_bytes_never_throw_and_are_answered_with_an_error()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            var ok = ClientMessageReader.TryRead(bytes, out var message, out var error);
            Assert.True(ok ? message is not null : error is not null);
        }
    }
}
