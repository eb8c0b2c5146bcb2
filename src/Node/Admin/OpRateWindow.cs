namespace AkkaCollab.Node.Admin;

// Acked ops per second over the last minute, in 60 one-second buckets: constant memory however
// hot the document is. Owned by one actor (not thread-safe).
public sealed class OpRateWindow
{
    private const int Seconds = 60;
    private readonly long[] _second = new long[Seconds];
    private readonly int[] _count = new int[Seconds];

    public void Record(long nowMs)
    {
        var second = nowMs / 1000;
        var slot = (int)(second % Seconds);
        if (_second[slot] != second)
        {
            _second[slot] = second;
            _count[slot] = 0;
        }
        _count[slot]++;
    }

    public int LastMinute(long nowMs)
    {
        var now = nowMs / 1000;
        var total = 0;
        for (var i = 0; i < Seconds; i++)
        {
            if (now - _second[i] < Seconds)
            {
                total += _count[i];
            }
        }
        return total;
    }
}
