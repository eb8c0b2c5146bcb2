using System.Buffers;
using System.Net.WebSockets;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Web.Gateway.Connections;

/// The two halves of a connection's Akka.Streams graph, materialized together:
///
///   socket ──UnfoldAsync(receive ≤ limit)──► parse ──ActorRefWithAck──► connection actor
///   connection actor ──► Source.ActorRef(n, Fail) ──SelectAsync(1, send)──► socket
///
/// The reader pulls one frame at a time and only when the actor acked the previous one, so a
/// flooding client is held back by TCP. The writer's queue holds at most n frames; when a client
/// stops reading, the send stalls, the queue overflows and the stream fails: the connection
/// closes the socket with 4008 instead of buffering without bound.
public static class SocketStreams
{
    private static readonly Task<NotUsed> SentAlready = Task.FromResult(NotUsed.Instance);

    public sealed record ReaderInit;

    public sealed record ReaderAck;

    public sealed record ReaderDone;

    public sealed record ReaderFailed(Exception Cause);

    /// Runs both halves as one graph (one interpreter actor per socket, not two). Returns the
    /// outbound queue's actor ref, and a task that ends when the writer stops (failing with
    /// BufferOverflowException when the client did not keep up). sent runs after each frame is
    /// sent. The halves share no port: one ending or failing does not end the other.
    public static (IActorRef Queue, Task Done) Run(WebSocket socket, int maxFrameBytes, int bufferFrames, IActorRef connection, Action sent,
        IMaterializer materializer) =>
        RunnableGraph.FromGraph(GraphDsl.Create(Source.ActorRef<byte[]>(bufferFrames, OverflowStrategy.Fail), Sink.Ignore<NotUsed>(), Keep.Both,
                (builder, queue, done) =>
                {
                    var send = builder.Add(Flow.Create<byte[]>().SelectAsync(1, frame => Send(socket, frame, sent)));
                    builder.From(queue).Via(send).To(done);
                    var receive = builder.Add(Source.UnfoldAsync<bool, Inbound>(false,
                        async stopped => stopped ? Option<(bool, Inbound)>.None : await Receive(socket, maxFrameBytes)));
                    var toConnection = builder.Add(Sink.ActorRefWithAck<Inbound>(connection, new ReaderInit(), new ReaderAck(), new ReaderDone(),
                        ex => new ReaderFailed(ex)));
                    builder.From(receive).To(toConnection);
                    return ClosedShape.Instance;
                }))
            .Run(materializer);

    // Kestrel takes most frames without waiting: those cost no state machine and no task.
    private static Task<NotUsed> Send(WebSocket socket, byte[] frame, Action sent)
    {
        var sending = socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        if (!sending.IsCompletedSuccessfully)
        {
            return Sending(sending, sent);
        }
        sending.GetAwaiter().GetResult();
        sent();
        return SentAlready;
    }

    private static async Task<NotUsed> Sending(ValueTask sending, Action sent)
    {
        await sending;
        sent();
        return NotUsed.Instance;
    }

    /// Sends a close frame with code; a client that does not take it within timeout is cut off.
    public static async Task Close(WebSocket socket, int code, string reason, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cts.Token);
            }
        }
        catch (Exception e) when (SocketGone(e))
        {
            socket.Abort();
        }
    }

    private static async Task<Option<(bool, Inbound)>> Receive(WebSocket socket, int maxFrameBytes)
    {
        // An idle socket waits here without a buffer (a zero-byte receive returns once a frame
        // has arrived), so a buffer is only rented while a frame is read: 10,000 idle editors do
        // not each hold 16 KB.
        try
        {
            var ready = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
            if (ready.MessageType == WebSocketMessageType.Close)
            {
                return Option<(bool, Inbound)>.None;
            }
            if (ready.EndOfMessage)
            {
                // A frame with no payload.
                return Option<(bool, Inbound)>.Create((false, Parse(ready.MessageType, ReadOnlyMemory<byte>.Empty)));
            }
        }
        catch (Exception e) when (SocketGone(e))
        {
            return Option<(bool, Inbound)>.None;
        }
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        // Only a frame longer than one receive is copied into a writer of its own.
        ArrayBufferWriter<byte>? frame = null;
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None);
                }
                catch (Exception e) when (SocketGone(e))
                {
                    return Option<(bool, Inbound)>.None;
                }
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return Option<(bool, Inbound)>.None;
                }
                if ((frame?.WrittenCount ?? 0) + result.Count > maxFrameBytes)
                {
                    return Option<(bool, Inbound)>.Create((true, new Inbound.TooLarge(maxFrameBytes)));
                }
                if (result.EndOfMessage && frame is null)
                {
                    return Option<(bool, Inbound)>.Create((false, Parse(result.MessageType, chunk.AsMemory(0, result.Count))));
                }
                frame ??= new ArrayBufferWriter<byte>(Math.Max(1024, 2 * result.Count));
                frame.Write(chunk.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                {
                    return Option<(bool, Inbound)>.Create((false, Parse(result.MessageType, frame.WrittenMemory)));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    // What a socket closed or reset under a receive or a close throws: the end of that socket, not a bug.
    private static bool SocketGone(Exception e) =>
        e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException;

    // The reader parses before the chunk goes back to the pool: nothing refers to the bytes after.
    private static Inbound Parse(WebSocketMessageType type, ReadOnlyMemory<byte> frame)
    {
        if (type == WebSocketMessageType.Binary)
        {
            return new Inbound.Binary();
        }
        return ClientMessageReader.TryRead(frame, out var message, out var error)
            ? new Inbound.Message(message!)
            : new Inbound.Invalid(error!);
    }
}
