using System.Diagnostics;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Cluster.Tests.Infrastructure;

/// One editing client on one node, as a browser behaves when its node goes away: it keeps
/// editing locally, and when its socket closes (1012, a dead node) or its op goes unanswered it
/// reconnects, to the next node, resubscribing from its revision and resending its op in flight.
public sealed class Editor(ClusterScript cluster, string doc, string clientId, int node, Stopwatch clock)
{
    private static readonly TimeSpan Unanswered = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan SubscribeWithin = TimeSpan.FromSeconds(2.5);
    private readonly Random _rng = new(clientId.GetHashCode());
    private int _errorsSeen;
    private TimeSpan _inflightSince;

    public string Doc { get; } = doc;
    public string ClientId { get; } = clientId;
    public int Node { get; private set; } = node;
    public OtClient? Client { get; private set; }
    public int Reconnects => ReconnectedAt.Count;

    /// When each reconnect attempt began (the suite's clock), to explain a long gap.
    public List<TimeSpan> ReconnectedAt { get; } = [];

    /// (seq, revision, time on the suite's clock) of every ack.
    public List<(long Seq, long Rev, TimeSpan At)> Acks { get; } = [];

    /// Subscribes, trying the nodes in turn (a cold cluster may still be allocating shards).
    public async Task Connect()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Client = await OtClient.Start(Open, Doc, ClientId);
                return;
            }
            catch (Exception e) when (attempt < 2 * ClusterScript.Nodes && e is System.Net.WebSockets.WebSocketException or OperationCanceledException or InvalidOperationException or TimeoutException)
            {
                Node = Node % ClusterScript.Nodes + 1;
            }
        }
    }

    /// One step: handle what arrived, maybe edit, and recover the connection when it is gone.
    public async Task Step(bool edit)
    {
        var client = Client!;
        try
        {
            await client.Process(TimeSpan.FromMilliseconds(5));
            RecordAcks(client);
            if (client.Errors.Count > _errorsSeen)
            {
                // Refused for now (e.g. the document's authority is moving): send the op again.
                _errorsSeen = client.Errors.Count;
                if (client.LastSent is { } last && client.Connected)
                {
                    await client.SendRaw(last);
                }
            }
            var stuck = client.Inflight is not null && clock.Elapsed - _inflightSince > Unanswered;
            if (!client.Connected || stuck)
            {
                await Reconnect(client);
                return;
            }
            if (edit && client.Subscribed)
            {
                var wasIdle = client.Inflight is null;
                await client.Edit(client.RandomEdit(_rng));
                if (wasIdle)
                {
                    _inflightSince = clock.Elapsed;
                }
            }
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            await Reconnect(client);
        }
    }

    private void RecordAcks(OtClient client)
    {
        for (var i = Acks.Count; i < client.AckLog.Count; i++)
        {
            lock (Acks)
            {
                Acks.Add((client.AckLog[i].Seq, client.AckLog[i].Rev, clock.Elapsed));
            }
            _inflightSince = clock.Elapsed;
        }
    }

    private async Task Reconnect(OtClient client)
    {
        // The next node first, then round again: a subscription that is not answered soon (its
        // authority is moving) is tried again, as a browser's client does.
        for (var attempt = 1; attempt <= 4 * ClusterScript.Nodes; attempt++)
        {
            Node = Node % ClusterScript.Nodes + 1;
            try
            {
                ReconnectedAt.Add(clock.Elapsed);
                await client.Reconnect(Open, SubscribeWithin);
                _inflightSince = clock.Elapsed;
                RecordAcks(client);
                return;
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or InvalidOperationException or TimeoutException or HttpRequestException)
            {
            }
        }
    }

    private Task<WireClient> Open() => WireClient.Connect(cluster.WebSocketUrl(Node), "alice");
}
