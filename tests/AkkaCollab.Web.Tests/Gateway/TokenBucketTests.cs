using AkkaCollab.Web.Gateway;

namespace AkkaCollab.Web.Tests.Gateway;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_full_bucket_gives_its_burst_then_refills_at_its_rate_up_to_its_capacity()
    {
        var bucket = new TokenBucket(ratePerSecond: 10, capacity: 3);

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => bucket.TryTake(1_000)));
        Assert.False(bucket.TryTake(1_050)); // half a token
        Assert.True(bucket.TryTake(1_100));
        Assert.Equal(3, Enumerable.Range(0, 5).Count(_ => bucket.TryTake(60_000)));
    }
}
