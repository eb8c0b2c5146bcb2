using AkkaCollab.Protocol.Validation;

namespace AkkaCollab.Node.Hosting;

// Akka.Remote drops a message over maximum-frame-size and only the sender logs it (STACK.md), so
// the frame must fit the largest op a client may submit: a Submit on its way to the authority and
// the committed op fanned out to feeds on other nodes.
public static class RemotingFrame
{
    // System.Text.Json's default encoder writes any non-ASCII UTF-16 unit as \uXXXX: 6 bytes.
    public const int WorstBytesPerChar = 6;

    // Per op: the JSON shape ({"insert":...} or {"retain":n,"attributes":...}) with its separators.
    public const int BytesPerOp = 64;

    // The message envelope (document id, client id, seq, revision, actor paths) and Akka.Remote's own.
    public const int Headroom = 256 * 1024;

    // The largest permitted op serialized, plus headroom. Attribute values are covered only as far as
    // the per-op bytes and the headroom reach; the client's WebSocket frame limit bounds the rest.
    public static long MaxFrameSize(DeltaValidationOptions limits) =>
        (long)limits.MaxInsertLength * WorstBytesPerChar + (long)limits.MaxOps * BytesPerOp + Headroom;

    // A socket buffer holds at least two whole frames so a maximum-size op does not stall the link.
    public static long BufferSize(DeltaValidationOptions limits) => 2 * MaxFrameSize(limits);
}
