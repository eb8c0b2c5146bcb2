using Akka.Actor;

namespace AkkaCollab.Node.Hosting;

// The node's first join decides. A node with seed nodes joins them only after its journal
// warm-up (1-6 s); an operator's `cluster join` in that time must not be undone by the warm-up's
// join of the configured seeds afterwards (Akka then drops the welcome of the node the operator
// chose, and the node is Up in the others' view but never in its own).
public sealed class ClusterJoin : IExtension
{
    private int _claimed;

    // True for the first caller only.
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    public static ClusterJoin For(ActorSystem system) => system.WithExtension<ClusterJoin, ClusterJoinProvider>();

    private sealed class ClusterJoinProvider : ExtensionIdProvider<ClusterJoin>
    {
        public override ClusterJoin CreateExtension(ExtendedActorSystem system) => new();
    }
}
