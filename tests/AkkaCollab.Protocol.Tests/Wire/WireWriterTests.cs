using System.Text;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Tests.Shared;

namespace AkkaCollab.Protocol.Tests.Wire;

public class WireWriterTests
{
    public static TheoryData<ServerMessage> EveryServerMessage() => new()
    {
        new ServerMessages.Welcome(1, ProtocolVersion.Min, ProtocolVersion.Max, "s1"),
        new ServerMessages.Authenticated(1_700_000_000_000),
        new ServerMessages.Snapshot("d", 4, Delta.Empty.Insert("abc\n")),
        new ServerMessages.Subscribed("d", 4),
        new ServerMessages.Unsubscribed("d"),
        new ServerMessages.Op("d", 5, "c", 2, "alice", Delta.Empty.Retain(1).Delete(1)),
        new ServerMessages.Ack("d", 2, 5),
        new ServerMessages.Error(ErrorCode.Resync, "too old", "d", 2),
        new ServerMessages.Error(ErrorCode.BadMessage, "not valid JSON"),
        new ServerMessages.Presence("d", "c", "alice", 5, new CursorRange(1, 2)),
        new ServerMessages.Presence("d", "c", "alice", 5, null),
        new ServerMessages.Presence("d", "c", "alice", 5, null, Idle: true),
        new ServerMessages.Presence("d", "c", "alice", 5, null, Gone: true),
        new ServerMessages.Ping(77),
        new ServerMessages.Pong(null),
    };

    [Theory]
    [MemberData(nameof(EveryServerMessage))]
    public void Every_server_message_round_trips_through_the_wire(ServerMessage message)
    {
        Assert.Equal(message, ServerMessageReader.Read(WireWriter.Encode(message)));
    }

    [Fact]
    public void A_presence_of_an_active_collaborator_reads_as_before_idle_and_gone()
    {
        var active = Encoding.UTF8.GetString(WireWriter.Encode(new ServerMessages.Presence("d", "c", "bob", 3, new CursorRange(1, 0))));
        var gone = Encoding.UTF8.GetString(WireWriter.Encode(new ServerMessages.Presence("d", "c", "bob", 4, null, Gone: true)));

        Assert.Equal("""{"a":"presence","doc":"d","client":"c","user":"bob","rev":3,"range":{"index":1,"length":0}}""", active);
        Assert.Equal("""{"a":"presence","doc":"d","client":"c","user":"bob","rev":4,"range":null,"gone":true}""", gone);
    }

    [Fact]
    public void Frames_written_one_after_another_on_one_thread_carry_only_their_own_bytes()
    {
        // The writer reuses one buffer per thread: a big snapshot, a frame that fails half-way
        // (a message with no wire mapping) and a small ack in a row must not bleed into each other.
        var big = new ServerMessages.Snapshot("d", 9, Delta.Empty.Insert(new string('x', 200_000) + "\n"));
        var ack = new ServerMessages.Ack("d1", 3, 17);

        Assert.Equal(big, ServerMessageReader.Read(WireWriter.Encode(big)));
        Assert.Equal("""{"a":"ack","doc":"d1","seq":3,"rev":17}""", Encoding.UTF8.GetString(WireWriter.Encode(ack)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WireWriter.Encode(new UnmappedMessage()));
        Assert.Equal("""{"a":"ack","doc":"d1","seq":3,"rev":17}""", Encoding.UTF8.GetString(WireWriter.Encode(ack)));
        Assert.Equal("""{"a":"ack","doc":"d1","seq":3,"rev":17}""", Encoding.UTF8.GetString(WireWriter.Encode(ack)));
    }

    private sealed record UnmappedMessage : ServerMessage;

    [Fact]
    public void An_ack_is_written_in_the_documented_shape()
    {
        var json = Encoding.UTF8.GetString(WireWriter.Encode(new ServerMessages.Ack("d1", 3, 17)));
        Assert.Equal("""{"a":"ack","doc":"d1","seq":3,"rev":17}""", json);
    }

    [Fact]
    public void Every_error_code_has_a_distinct_stable_wire_name()
    {
        var codes = Enum.GetValues<ErrorCode>();
        var names = codes.Select(ErrorCodes.ToWire).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(codes, code => Assert.True(ErrorCodes.TryFromWire(ErrorCodes.ToWire(code), out var back) && back == code));
    }

    [Fact]
    public void The_version_window_accepts_only_versions_inside_it()
    {
        Assert.True(ProtocolVersion.IsSupported(ProtocolVersion.Min));
        Assert.True(ProtocolVersion.IsSupported(ProtocolVersion.Max));
        Assert.False(ProtocolVersion.IsSupported(ProtocolVersion.Min - 1));
        Assert.False(ProtocolVersion.IsSupported(ProtocolVersion.Max + 1));
    }
}
