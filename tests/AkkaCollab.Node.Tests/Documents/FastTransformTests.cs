using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Node.Tests.Documents;

// The typing fast path must give exactly what Delta.Transform gives.
public sealed class FastTransformTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Fast_path_agrees_with_delta_transform_on_random_single_inserts_and_deletes(int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < 20_000; i++)
        {
            var length = rng.Next(0, 12);
            var applied = RandomSimple(rng, length);
            var submitted = RandomSimple(rng, length);

            var fast = FastTransform.Over(applied, submitted);

            var expected = applied.Transform(submitted, priority: true);
            Assert.True(expected == fast, $"applied {applied.ToJson()} submitted {submitted.ToJson()}: expected {expected.ToJson()}, got {fast.ToJson()}");
        }
    }

    private static Delta RandomSimple(Random rng, int documentLength)
    {
        var index = rng.Next(0, documentLength + 1);
        var prefix = index > 0 ? Delta.Empty.Retain(index) : Delta.Empty;
        return rng.Next(6) switch
        {
            0 when index < documentLength => prefix.Delete(rng.Next(1, documentLength - index + 1)),
            1 when index < documentLength => prefix.Retain(rng.Next(1, documentLength - index + 1), AttributeMap.From(("bold", true))),
            2 => prefix.Insert("xy", AttributeMap.From(("italic", true))),
            3 => Delta.Empty,
            4 => prefix.Insert(Embed.Create("image", "https://example.com/a.png")),
            _ => prefix.Insert(new string('a', rng.Next(1, 4))),
        };
    }
}
