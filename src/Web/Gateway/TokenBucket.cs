namespace AkkaCollab.Web.Gateway;

/// A token bucket: Capacity tokens, refilled at Rate per second. Time comes in as a parameter so
/// that the bucket is a pure value the connection actor owns.
public sealed class TokenBucket(double ratePerSecond, int capacity)
{
    private double _tokens = capacity;
    private long _lastMs = -1;

    public bool TryTake(long nowMs)
    {
        if (_lastMs >= 0 && nowMs > _lastMs)
        {
            _tokens = Math.Min(capacity, _tokens + (nowMs - _lastMs) * ratePerSecond / 1000.0);
        }
        _lastMs = Math.Max(_lastMs, nowMs);
        if (_tokens < 1)
        {
            return false;
        }
        _tokens -= 1;
        return true;
    }

    /// Milliseconds since the bucket was last used (a bucket never used counts as idle for ever).
    public long IdleSince(long nowMs) => _lastMs < 0 ? long.MaxValue : nowMs - _lastMs;
}
