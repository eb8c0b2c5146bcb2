using System.Collections.Concurrent;

namespace AkkaCollab.Web.Gateway;

/// Counters the gateway keeps for operators and tests: open sockets, closes by code, feeds.
/// Written with Interlocked from actors; read from anywhere.
public sealed class GatewayMetrics
{
    private long _openConnections;
    private long _openFeeds;
    private long _unrequestedSnapshots;
    private readonly ConcurrentDictionary<int, long> _closes = new();

    public long OpenConnections => Interlocked.Read(ref _openConnections);

    public long OpenFeeds => Interlocked.Read(ref _openFeeds);

    /// Snapshots sent to live connections because the authority had lost the ops they needed.
    public long UnrequestedSnapshotsSent => Interlocked.Read(ref _unrequestedSnapshots);

    public long ClosedWith(int code) => _closes.GetValueOrDefault(code);

    internal void ConnectionOpened() => Interlocked.Increment(ref _openConnections);

    internal void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    internal void FeedStarted() => Interlocked.Increment(ref _openFeeds);

    internal void FeedStopped() => Interlocked.Decrement(ref _openFeeds);

    internal void SentUnrequestedSnapshots(int connections) => Interlocked.Add(ref _unrequestedSnapshots, connections);

    internal void Closing(int code) => _closes.AddOrUpdate(code, 1, (_, n) => n + 1);
}
