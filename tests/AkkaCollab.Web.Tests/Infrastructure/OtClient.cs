using System.Threading.Channels;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Web.Tests.Infrastructure;

/// A client that edits the way a browser does: one op in flight, later edits composed into a
/// buffer, incoming ops transformed over both (Synchronized / AwaitingConfirm /
/// AwaitingWithBuffer). Server ops win ties, as they do on the server:
///
///        inflight                    the server transformed our inflight over s (s first);
///     ○ ─────────► ○                 we transform s over our inflight and buffer the same way
///   s │            │ s'              and apply s'' to our content.
///     ○ ─────────► ○
///        inflight'
///
/// Everything a test checks is recorded: Violations lists every gap, double or out-of-order ack.
public sealed class OtClient : IAsyncDisposable
{
    // One inbox per socket: what the old socket delivered but was not processed is dropped on
    // reconnect, as a real client drops it, since the resubscribe starts from Rev (what was processed).
    private Channel<ServerMessage> _inbox = Channel.CreateUnbounded<ServerMessage>();
    private WireClient _wire;
    private ClientMessages.Submit? _inflightSent;

    private OtClient(WireClient wire, string doc, string clientId)
    {
        _wire = wire;
        Doc = doc;
        ClientId = clientId;
        Pump(wire, _inbox.Writer);
    }

    public string Doc { get; }
    public string ClientId { get; }
    public long Rev { get; private set; } = -1;
    public Delta Content { get; private set; } = Delta.Empty;
    public Delta? Inflight { get; private set; }
    public Delta? Buffer { get; private set; }
    public long NextSeq { get; private set; } = 1;
    public bool Subscribed { get; private set; }
    public List<string> Violations { get; } = [];
    public List<ServerMessages.Error> Errors { get; } = [];
    public int AcksReceived { get; private set; }
    public List<ServerMessages.Presence> Presence { get; } = [];

    public bool Synchronized => Inflight is null && Buffer is null;

    public bool Connected => _wire.State == System.Net.WebSockets.WebSocketState.Open;

    /// Every ack as (seq, revision), in arrival order.
    public List<(long Seq, long Rev)> AckLog { get; } = [];

    /// Revisions of snapshots that arrived on a live subscription (nobody asked for them).
    public List<long> UnrequestedSnapshots { get; } = [];

    public static Task<OtClient> Start(CollabServer server, string doc, string clientId, string user = "alice") =>
        Start(() => server.Connect(user), doc, clientId);

    /// Any server: the chaos suite connects to node processes.
    public static async Task<OtClient> Start(Func<Task<WireClient>> connect, string doc, string clientId)
    {
        var client = new OtClient(await connect(), doc, clientId);
        await client._wire.Send(new ClientMessages.Subscribe(doc, null));
        await client.ProcessUntil(() => client.Subscribed, TimeSpan.FromSeconds(15));
        return client;
    }

    /// Applies an edit locally and sends it, or buffers it behind the op in flight.
    public async Task Edit(Delta change)
    {
        Content = Content.Compose(change);
        if (Inflight is null)
        {
            await SendInflight(change);
        }
        else
        {
            Buffer = Buffer is null ? change : Buffer.Compose(change);
        }
    }

    /// A random insert, delete or format that applies to the current content.
    public Delta RandomEdit(Random rng)
    {
        var length = Content.Length();
        var pos = rng.Next(0, length + 1);
        var roll = rng.Next(10);
        if (roll < 5 || length == 0)
        {
            var text = new string(Enumerable.Range(0, rng.Next(1, 6)).Select(_ => "abcdefxyz \n"[rng.Next(11)]).ToArray());
            var attributes = rng.Next(4) == 0 ? AttributeMap.From(("bold", true)) : null;
            return Delta.Empty.Retain(pos).Insert(text, attributes);
        }
        pos = Math.Min(pos, length - 1);
        var span = rng.Next(1, Math.Min(5, length - pos) + 1);
        return roll < 8
            ? Delta.Empty.Retain(pos).Delete(span)
            : Delta.Empty.Retain(pos).Retain(span, AttributeMap.From(("italic", rng.Next(2) == 0 ? true : null)));
    }

    /// Handles whatever has arrived, waiting at most wait for the first message.
    public async Task Process(TimeSpan wait)
    {
        if (!_inbox.Reader.TryPeek(out _))
        {
            var ready = _inbox.Reader.WaitToReadAsync().AsTask();
            if (await Task.WhenAny(ready, Task.Delay(wait)) != ready)
            {
                return;
            }
        }
        while (_inbox.Reader.TryRead(out var message))
        {
            await Handle(message);
        }
    }

    public async Task ProcessUntil(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{ClientId}: condition not met within {timeout} (rev {Rev}, inflight {Inflight is not null}, errors {Errors.Count})");
            }
            await Process(TimeSpan.FromMilliseconds(50));
        }
    }

    /// Drops the socket without a close handshake (a network failure), keeping the local state.
    public void Drop() => _wire.Abort();

    /// Reconnects, resubscribes from the last revision and resends the op in flight unchanged.
    public Task Reconnect(CollabServer server, string user = "alice") => Reconnect(() => server.Connect(user));

    public async Task Reconnect(Func<Task<WireClient>> connect, TimeSpan? subscribeWithin = null)
    {
        _wire.Abort();
        await _wire.DisposeAsync();
        _wire = await connect();
        _inbox = Channel.CreateUnbounded<ServerMessage>();
        Pump(_wire, _inbox.Writer);
        Subscribed = false;
        await _wire.Send(new ClientMessages.Subscribe(Doc, Rev));
        if (_inflightSent is not null)
        {
            await _wire.Send(_inflightSent);
        }
        await ProcessUntil(() => Subscribed, subscribeWithin ?? TimeSpan.FromSeconds(15));
    }

    /// Sends a frame as it is (tests that resend or misbehave).
    public Task SendRaw(ClientMessage message) => _wire.Send(message);

    public ClientMessages.Submit? LastSent => _inflightSent;

    private async Task SendInflight(Delta change)
    {
        Inflight = change;
        _inflightSent = new ClientMessages.Submit(Doc, ClientId, NextSeq++, Rev, change);
        await _wire.Send(_inflightSent);
    }

    private async Task Handle(ServerMessage message)
    {
        switch (message)
        {
            case ServerMessages.Snapshot s when s.Doc == Doc:
                if (Subscribed)
                {
                    UnrequestedSnapshots.Add(s.Rev);
                }
                if (Rev >= 0 && !Synchronized)
                {
                    Violations.Add($"snapshot at {s.Rev} while an op was in flight");
                }
                Content = s.Delta;
                Rev = s.Rev;
                break;
            case ServerMessages.Subscribed s when s.Doc == Doc:
                if (s.Rev != Rev)
                {
                    Violations.Add($"subscribed at {s.Rev} but the replay ended at {Rev}");
                }
                Subscribed = true;
                break;
            case ServerMessages.Op o when o.Doc == Doc && _inflightSent is not null && o.Client == ClientId && o.Seq == _inflightSent.Seq:
                await Acked(o.Rev);
                break;
            case ServerMessages.Op o when o.Doc == Doc:
                Remote(o);
                break;
            case ServerMessages.Ack a when a.Doc == Doc:
                if (_inflightSent is not null && a.Seq == _inflightSent.Seq)
                {
                    await Acked(a.Rev);
                }
                break;
            case ServerMessages.Error e:
                Errors.Add(e);
                break;
            case ServerMessages.Presence p:
                Presence.Add(p);
                break;
            case ServerMessages.Ping p:
                await _wire.Send(new ClientMessages.Pong(p.Token));
                break;
        }
    }

    private void Remote(ServerMessages.Op o)
    {
        if (o.Rev != Rev + 1)
        {
            Violations.Add($"op {o.Rev} after {Rev}: {(o.Rev <= Rev ? "double" : "gap")}");
            return;
        }
        var s = o.Delta;
        if (Inflight is not null)
        {
            var inflight = s.Transform(Inflight, priority: true);
            s = Inflight.Transform(s, priority: false);
            Inflight = inflight;
        }
        if (Buffer is not null)
        {
            var buffer = s.Transform(Buffer, priority: true);
            s = Buffer.Transform(s, priority: false);
            Buffer = buffer;
        }
        Content = Content.Compose(s);
        Rev = o.Rev;
    }

    private async Task Acked(long rev)
    {
        if (rev != Rev + 1)
        {
            Violations.Add($"ack at {rev} after {Rev}");
        }
        AcksReceived++;
        AckLog.Add((_inflightSent!.Seq, rev));
        Rev = rev;
        Inflight = null;
        _inflightSent = null;
        if (Buffer is not null)
        {
            var next = Buffer;
            Buffer = null;
            await SendInflight(next);
        }
    }

    private static void Pump(WireClient wire, ChannelWriter<ServerMessage> inbox) => _ = Task.Run(async () =>
    {
        try
        {
            while (await wire.TryReceive(TimeSpan.FromMinutes(10)) is { } message)
            {
                await inbox.WriteAsync(message);
            }
        }
        catch (Exception)
        {
            // The socket was dropped or aborted: the test decides what that means.
        }
    });

    public async ValueTask DisposeAsync() => await _wire.DisposeAsync();
}
