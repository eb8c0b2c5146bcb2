using System.Collections.Immutable;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace AkkaCollab.Node.Tests.Infrastructure;

// An in-memory journal whose writes wait until it is told Release: lets a spec look at an
// entity while its write is provably not durable yet.
public sealed class GatedJournal : MemoryJournal
{
    public const string Config = """
        akka.persistence.journal.plugin = "akka.persistence.journal.gated"
        akka.persistence.journal.gated.class = "AkkaCollab.Node.Tests.Infrastructure.GatedJournal, AkkaCollab.Node.Tests"
        akka.persistence.journal.gated.plugin-dispatcher = "akka.actor.default-dispatcher"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    public sealed record Release
    {
        public static readonly Release Instance = new();
    }

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var batch = messages.ToList();
        await _gate.Task;
        return await base.WriteMessagesAsync(batch, cancellationToken);
    }

    protected override bool ReceivePluginInternal(object message)
    {
        if (message is Release)
        {
            _gate.TrySetResult();
            return true;
        }
        return base.ReceivePluginInternal(message);
    }
}
