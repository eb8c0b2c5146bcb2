using AkkaCollab.Node.Documents.Messages;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// What DocumentState.Process decided about one Submit. Only Applied changes anything, and only
// once its event is durable.
public abstract record SubmitDecision
{
    private SubmitDecision()
    {
    }

    // Persist Event; once durable, apply it, ack with its revision and fan it out.
    public sealed record Applied(OpApplied Event) : SubmitDecision;

    // (client, seq) was applied before: answer the original ack (once that revision is durable).
    public sealed record Duplicate(SubmitAcked Ack) : SubmitDecision;

    public sealed record Rejected(SubmitRejected Rejection) : SubmitDecision;

    // The base is older than the in-memory window: read these revisions from the journal and
    // process again with them.
    public sealed record NeedsHistory(long FromRevision, long ToRevision) : SubmitDecision;
}
