using System.Buffers;
using System.Net.WebSockets;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Web.Gateway.Connections;

/// The two halves of a connection's Akka.Streams graph:
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
    public sealed record ReaderInit;

    public sealed record ReaderAck;

    public sealed record ReaderDone;

    public sealed record ReaderFailed(Exception Cause);

    public static void RunReader(WebSocket socket, int maxFrameBytes, IActorRef connection, IMaterializer materializer) =>
        Source.UnfoldAsync<bool, Inbound>(false, async stopped => stopped ? Option<(bool, Inbound)>.None : await Receive(socket, maxFrameBytes))
            .RunWith(Sink.ActorRefWithAck<Inbound>(connection, new ReaderInit(), new ReaderAck(), new ReaderDone(), ex => new ReaderFailed(ex)),
                materializer);

    /// The outbound queue's actor ref, and a task that ends when the writer stops (failing with
    /// BufferOverflowException when the client did not keep up). sent runs after each frame is sent.
    public static (IActorRef Queue, Task Done) RunWriter(WebSocket socket, int bufferFrames, Action sent, IMaterializer materializer) =>
        Source.ActorRef<byte[]>(bufferFrames, OverflowStrategy.Fail)
            .SelectAsync(1, async frame =>
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                sent();
                return NotUsed.Instance;
            })
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(materializer);

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
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            socket.Abort();
        }
    }

    private static async Task<Option<(bool, Inbound)>> Receive(WebSocket socket, int maxFrameBytes)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var frame = new ArrayBufferWriter<byte>(1024);
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
                {
                    return Option<(bool, Inbound)>.None;
                }
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return Option<(bool, Inbound)>.None;
                }
                if (frame.WrittenCount + result.Count > maxFrameBytes)
                {
                    return Option<(bool, Inbound)>.Create((true, new Inbound.TooLarge(maxFrameBytes)));
                }
                frame.Write(chunk.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    return Option<(bool, Inbound)>.Create((false, new Inbound.Binary()));
                }
                var parsed = ClientMessageReader.TryRead(frame.WrittenMemory, out var message, out var error)
                    ? (Inbound)new Inbound.Message(message!)
                    : new Inbound.Invalid(error!);
                return Option<(bool, Inbound)>.Create((false, parsed));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
