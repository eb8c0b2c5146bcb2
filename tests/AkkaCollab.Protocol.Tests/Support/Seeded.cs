using Xunit.Abstractions;

namespace AkkaCollab.Protocol.Tests.Support;

/// <summary>Runs a property over many seeded cases, printing the seed so that a failure can be replayed with AKKACOLLAB_SEED.</summary>
public static class Seeded
{
    public static void Run(ITestOutputHelper output, int cases, Action<RandomDeltas, int> property, bool nullsOnInserts = false)
    {
        var seed = RandomDeltas.SeedFromEnvironment();
        output.WriteLine($"seed {seed} (replay with AKKACOLLAB_SEED={seed}), {cases} cases");
        var random = new RandomDeltas(seed) { NullsOnInserts = nullsOnInserts };
        for (var i = 0; i < cases; i++)
        {
            try
            {
                property(random, i);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"case {i} failed with AKKACOLLAB_SEED={seed}: {e}");
            }
        }
    }
}
