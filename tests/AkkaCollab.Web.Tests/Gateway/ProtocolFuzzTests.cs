using System.Net.WebSockets;
using System.Text;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Tests.Shared;
using AkkaCollab.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AkkaCollab.Web.Tests.Gateway;

[Collection(ServerCollection.Name)]
public sealed class ProtocolFuzzTests(ServerFixture fixture, ITestOutputHelper output)
{
    private CollabServer Server => fixture.Server;

    /// One hostile frame and the error code the protocol documents for it.
    private sealed record Case(string Kind, byte[] Frame, ErrorCode Expected);

    [Fact]
    public async Task Ten_thousand_hostile_frames_are_each_answered_with_the_documented_error_and_change_nothing()
    {
        const int frames = 10_000;
        var doc = "fuzz-" + Guid.NewGuid().ToString("N")[..8];
        var seed = await OtClient.Start(Server, doc, "seed");
        await seed.Edit(Delta.Empty.Insert("Hello fuzz\n"));
        await seed.ProcessUntil(() => seed.Synchronized, TimeSpan.FromSeconds(10));
        await seed.DisposeAsync();
        var before = await Server.Document(doc);

        await using var client = await Server.Connect("mallory");
        await client.Send(new ClientMessages.Subscribe(doc, null));
        Assert.IsType<ServerMessages.Snapshot>(await client.ReceiveSkippingNoise());
        Assert.IsType<ServerMessages.Subscribed>(await client.ReceiveSkippingNoise());

        var rng = new Random(4_2);
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < frames; i++)
        {
            var fuzz = Next(rng, doc, before.Revision, i);
            await client.SendRaw(fuzz.Frame);
            ServerMessage answer;
            try
            {
                answer = await client.ReceiveSkippingNoise();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"frame {i} ({fuzz.Kind}) got no answer: {Encoding.UTF8.GetString(fuzz.Frame)[..Math.Min(300, fuzz.Frame.Length)]}", e);
            }
            var error = Assert.IsType<ServerMessages.Error>(answer);
            if (error.Code != fuzz.Expected)
            {
                Assert.Fail($"frame {i} ({fuzz.Kind}): {Encoding.UTF8.GetString(fuzz.Frame)[..Math.Min(200, fuzz.Frame.Length)]} got {error.Code}: {error.Message}");
            }
            counts[fuzz.Kind] = counts.GetValueOrDefault(fuzz.Kind) + 1;
        }
        foreach (var (kind, count) in counts.OrderBy(c => c.Key))
        {
            output.WriteLine($"{kind}: {count}");
        }

        // Still a working socket, and the document never changed.
        await client.Send(new ClientMessages.Ping(99));
        Assert.Equal(new ServerMessages.Pong(99), await client.ReceiveSkippingNoise());
        var after = await Server.Document(doc);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.Content, after.Content);
    }

    [Fact]
    public async Task An_oversized_frame_is_answered_too_large_and_closed_with_1009()
    {
        await using var client = await Server.Connect("mallory");
        var huge = "{\"a\":\"ping\",\"pad\":\"" + new string('x', 1024 * 1024 + 10) + "\"}";
        await client.SendRaw(huge);
        var error = Assert.IsType<ServerMessages.Error>(await client.ReceiveSkippingNoise());
        Assert.Equal(ErrorCode.TooLarge, error.Code);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.TooBig, await client.ReadUntilClosed(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_text_frame_that_is_not_utf8_fails_only_that_socket()
    {
        await using var client = await Server.Connect("mallory");
        await client.SendRaw([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
        // RFC 6455 8.1: the WebSocket layer itself fails the connection (1007, or a reset when the
        // close frame is overtaken); no JSON error can be sent on it.
        var status = await client.ReadUntilClosed(TimeSpan.FromSeconds(10));
        Assert.True(status is null or WebSocketCloseStatus.InvalidPayloadData, $"closed with {status}");
        Assert.NotEqual(WebSocketState.Open, client.State);
        await using var next = await Server.Connect("mallory");
        await next.Send(new ClientMessages.Ping(1));
        Assert.Equal(new ServerMessages.Pong(1), await next.ReceiveSkippingNoise());
    }

    [Fact]
    public async Task A_binary_frame_is_answered_bad_message()
    {
        await using var client = await Server.Connect("mallory");
        await client.SendRaw([1, 2, 3], WebSocketMessageType.Binary);
        Assert.Equal(ErrorCode.BadMessage, Assert.IsType<ServerMessages.Error>(await client.ReceiveSkippingNoise()).Code);
    }

    [Fact]
    public async Task An_empty_text_frame_is_answered_bad_message_and_the_socket_keeps_working()
    {
        // The reader waits for each frame with a zero-byte receive; a frame with no payload at all
        // is a whole message there.
        await using var client = await Server.Connect("mallory");
        await client.SendRaw([]);
        var error = Assert.IsType<ServerMessages.Error>(await client.ReceiveSkippingNoise());
        Assert.Equal(ErrorCode.BadMessage, error.Code);
        Assert.Contains("not valid JSON", error.Message);
        await client.Send(new ClientMessages.Ping(7));
        Assert.Equal(new ServerMessages.Pong(7), await client.ReceiveSkippingNoise());
    }

    [Fact]
    public async Task A_message_sent_in_many_fragments_is_read_as_one()
    {
        // 40 KB of one ping in 3-byte frames: longer than one 16 KB receive, and far more pieces.
        await using var client = await Server.Connect("mallory");
        await client.SendFragmented("{\"a\":\"ping\",\"t\":" + new string(' ', 40 * 1024) + "41}", fragmentBytes: 3);
        Assert.Equal(new ServerMessages.Pong(41), await client.ReceiveSkippingNoise());
        await client.SendFragmented("{\"a\":\"ping\",\"t\":42}", fragmentBytes: 5);
        Assert.Equal(new ServerMessages.Pong(42), await client.ReceiveSkippingNoise());
    }

    private static Case Next(Random rng, string doc, long head, int i)
    {
        static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
        var other = "never-subscribed-" + rng.Next(1_000);
        var n = rng.Next(16);
        return n switch
        {
            0 => new("bad json", B(Truncate("{\"a\":\"op\",\"doc\":\"" + doc + "\",\"seq\":1", rng)), ErrorCode.BadMessage),
            1 => new("not an object", B(rng.Next(3) switch { 0 => "[1,2,3]", 1 => "42", _ => "\"op\"" }), ErrorCode.BadMessage),
            2 => new("unknown action", B($"{{\"a\":\"drop-table-{i}\"}}"), ErrorCode.BadMessage),
            3 => new("wrong type", B($"{{\"a\":\"op\",\"doc\":\"{doc}\",\"client\":\"c\",\"seq\":\"{i}\",\"rev\":0,\"delta\":{{\"ops\":[]}}}}"), ErrorCode.BadMessage),
            4 => new("huge number", B($"{{\"a\":\"op\",\"doc\":\"{doc}\",\"client\":\"c\",\"seq\":{(rng.Next(2) == 0 ? "1e300" : "9007199254740993")},\"rev\":0,\"delta\":{{\"ops\":[{{\"insert\":\"x\"}}]}}}}"), ErrorCode.BadMessage),
            5 => new("unknown field", B($"{{\"a\":\"sub\",\"doc\":\"{doc}\",\"evil\":true}}"), ErrorCode.BadMessage),
            6 => new("bad document id", B($"{{\"a\":\"sub\",\"doc\":\"../etc/passwd{i}\"}}"), ErrorCode.BadMessage),
            7 => new("unsubscribed document", Op(other, i, head, Delta.Empty.Insert("x")), ErrorCode.NotSubscribed),
            8 => new("negative retain", B($"{{\"a\":\"op\",\"doc\":\"{doc}\",\"client\":\"c\",\"seq\":{i + 1},\"rev\":0,\"delta\":{{\"ops\":[{{\"retain\":-1}}]}}}}"), ErrorCode.BadOp),
            9 => new("retain past the end", Op(doc, i, head, Delta.Empty.Retain(10_000 + i).Insert("x")), ErrorCode.BadOp),
            10 => new("revision ahead of head", Op(doc, i, head + 1 + rng.Next(1_000_000), Delta.Empty.Insert("x")), ErrorCode.BadRevision),
            11 => new("format not allowed", Op(doc, i, head, Delta.Empty.Insert("x", AttributeMap.From(("onclick", "alert(1)")))), ErrorCode.BadAttribute),
            12 => new("javascript link", Op(doc, i, head, Delta.Empty.Insert("x", AttributeMap.From(("link", " JaVaScRiPt:alert(1)")))), ErrorCode.UnsafeLink),
            13 => new("presence on an unsubscribed document", B("{\"a\":\"presence\",\"doc\":\"" + other + "\",\"rev\":0,\"range\":{\"index\":0,\"length\":0}}"), ErrorCode.NotSubscribed),
            14 => new("unsubscribe unknown", B($"{{\"a\":\"unsub\",\"doc\":\"{other}\"}}"), ErrorCode.NotSubscribed),
            _ => new("control characters", B($"{{\"a\":\"sub\",\"doc\":\"a\\u0000b{i}\"}}"), ErrorCode.BadMessage),
        };
    }

    private static byte[] Op(string doc, int i, long rev, Delta delta) =>
        ClientMessageWriter.Encode(new ClientMessages.Submit(doc, "fuzzer", i + 1, rev, delta));

    private static string Truncate(string text, Random rng) => text[..rng.Next(1, text.Length)];
}
