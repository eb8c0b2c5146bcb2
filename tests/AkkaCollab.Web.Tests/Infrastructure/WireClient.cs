using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Tests.Shared;

namespace AkkaCollab.Web.Tests.Infrastructure;

/// A protocol v1 client over a real ClientWebSocket: sends messages or raw frames, receives
/// server messages one at a time, and reports how the server closed the socket.
public sealed class WireClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private WireClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public WebSocketState State => _socket.State;

    public string Session { get; private set; } = "";

    public static async Task<WireClient> Open(Uri uri)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, cts.Token);
        return new WireClient(socket);
    }

    /// Opens a socket and completes the hello exchange.
    public static async Task<WireClient> Connect(Uri uri, string user)
    {
        var client = await Open(uri);
        await client.Send(new ClientMessages.Hello(ProtocolVersion.Max, user));
        var welcome = Assert.IsType<ServerMessages.Welcome>(await client.Receive());
        client.Session = welcome.Session;
        return client;
    }

    public Task Send(ClientMessage message) => SendRaw(ClientMessageWriter.Encode(message));

    public Task SendRaw(string text) => SendRaw(Encoding.UTF8.GetBytes(text));

    public async Task SendRaw(byte[] frame, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _socket.SendAsync(frame, type, endOfMessage: true, cts.Token);
    }

    /// One text message sent as several WebSocket frames of at most fragmentBytes each.
    public async Task SendFragmented(string text, int fragmentBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var at = 0; at < bytes.Length; at += fragmentBytes)
        {
            var n = Math.Min(fragmentBytes, bytes.Length - at);
            await _socket.SendAsync(bytes.AsMemory(at, n), WebSocketMessageType.Text, endOfMessage: at + n == bytes.Length, cts.Token);
        }
    }

    /// The next server message; throws when the socket closes first or nothing arrives in time.
    public async Task<ServerMessage> Receive(TimeSpan? timeout = null) =>
        await TryReceive(timeout) ?? throw new InvalidOperationException($"socket closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}");

    /// The next server message, or null when the server closed the socket.
    public async Task<ServerMessage?> TryReceive(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(64 * 1024), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await EchoClose();
                return null;
            }
            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return ServerMessageReader.Read(buffer.WrittenMemory);
            }
        }
    }

    /// Answers the server's close frame, as browsers do, so that the server's close handshake completes.
    private async Task EchoClose()
    {
        if (_socket.State != WebSocketState.CloseReceived)
        {
            return;
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }

    /// Reads (skipping pings and presence) until the server closes; returns the close status.
    public async Task<WebSocketCloseStatus?> ReadUntilClosed(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            while (await TryReceive(deadline - DateTime.UtcNow) is not null)
            {
            }
        }
        catch (WebSocketException)
        {
        }
        return _socket.CloseStatus;
    }

    /// The next message that is not a ping or presence.
    public async Task<ServerMessage> ReceiveSkippingNoise(TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await Receive(timeout);
            if (message is not (ServerMessages.Ping or ServerMessages.Presence))
            {
                return message;
            }
        }
    }

    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }
        _socket.Dispose();
    }
}
