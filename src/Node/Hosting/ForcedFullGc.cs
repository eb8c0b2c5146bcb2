namespace AkkaCollab.Node.Hosting;

// Test only (the chaos suite's false-down check): a blocking, compacting full GC every
// interval, so that a node with long pauses can be proven not to be downed. Off by default.
internal static class ForcedFullGc
{
    public static IDisposable Start(TimeSpan interval) =>
        new Timer(_ => GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true), null, interval, interval);
}
