using System.Collections.Concurrent;
using AkkaCollab.Web.Gateway;

namespace AkkaCollab.Web.Security;

/// Token buckets shared by this node's sockets: one per user (all of its sockets together) and
/// one per document (all of its writers together). The per-connection bucket lives in the
/// connection actor. Buckets are only touched under their own lock; idle ones are dropped.
public sealed class SocketRateLimits(SecuritySettings settings)
{
    private readonly ConcurrentDictionary<string, TokenBucket> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucket> _docs = new(StringComparer.Ordinal);
    private long _lastSweepMs;

    public bool TryUser(string user, long nowMs) =>
        Take(_users, user, nowMs, settings.SocketPerUserPerSecond, settings.SocketPerUserBurst);

    public bool TryDocument(string doc, long nowMs) =>
        Take(_docs, doc, nowMs, settings.SocketPerDocumentPerSecond, settings.SocketPerDocumentBurst);

    private bool Take(ConcurrentDictionary<string, TokenBucket> buckets, string key, long nowMs, double rate, int burst)
    {
        Sweep(nowMs);
        var bucket = buckets.GetOrAdd(key, _ => new TokenBucket(rate, burst));
        lock (bucket)
        {
            return bucket.TryTake(nowMs);
        }
    }

    /// A bucket untouched for a minute is full again: forgetting it changes nothing.
    private void Sweep(long nowMs)
    {
        var last = Interlocked.Read(ref _lastSweepMs);
        if (nowMs - last < 60_000 || Interlocked.CompareExchange(ref _lastSweepMs, nowMs, last) != last)
        {
            return;
        }
        foreach (var buckets in new[] { _users, _docs })
        {
            foreach (var (key, bucket) in buckets)
            {
                lock (bucket)
                {
                    if (bucket.IdleSince(nowMs) > 60_000)
                    {
                        buckets.TryRemove(key, out _);
                    }
                }
            }
        }
    }
}
