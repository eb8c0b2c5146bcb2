using System.Globalization;

namespace AkkaCollab.Protocol.Tests.Documents;

/// <summary>The seed of a random test: AKKACOLLAB_SEED when set (to replay a failure), else a fresh one.</summary>
internal static class Seeds
{
    public static int Next()
    {
        var text = Environment.GetEnvironmentVariable("AKKACOLLAB_SEED");
        if (string.IsNullOrWhiteSpace(text))
        {
            return Random.Shared.Next();
        }
        // The same variable replays the differential suite, whose seeds are unsigned 32-bit.
        return uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? unchecked((int)seed)
            : throw new ArgumentException($"AKKACOLLAB_SEED must be an integer from 0 to 4294967295, got '{text}'");
    }
}
