using AkkaCollab.Protocol.Validation;

namespace AkkaCollab.Node.Documents;

// Per-document limits and retention. Defaults are for production; tests shrink them.
public sealed record DocumentLimits
{
    // Recent ops kept in memory for transforming late submits (and for replays to subscribers).
    public int WindowSize { get; init; } = 1_000;

    // How far behind head a submit's base revision may be: older than the window, the ops are
    // read from the journal; older than this, the answer is resync.
    public long JournalLookback { get; init; } = 100_000;

    // Dedupe table bound: beyond it the clients idle longest are evicted (see DocumentState).
    public int MaxClients { get; init; } = 10_000;

    // Op size, document length (the document size limit), attribute allow-list and link schemes:
    // Protocol's DeltaValidator. Configuration binds into this instance in place (the init setter is
    // not called), so it is a fresh one, never the shared DeltaValidationOptions.Default, and the
    // validator reads it at each check.
    public DeltaValidationOptions Validation
    {
        get => _validation;
        init
        {
            _validation = value;
            Validator = new DeltaValidator(value);
        }
    }

    public DeltaValidator Validator { get; private init; }

    public DocumentLimits()
    {
        _validation = new DeltaValidationOptions();
        Validator = new DeltaValidator(_validation);
    }

    // A snapshot is saved every this many revisions (and on passivation).
    public int SnapshotEvery { get; init; } = 1_000;

    public TimeSpan PresenceTtl { get; init; } = TimeSpan.FromSeconds(30);

    private readonly DeltaValidationOptions _validation;

    public IEnumerable<string> Validate(string prefix)
    {
        if (WindowSize < 1)
        {
            yield return $"{prefix}:WindowSize must be at least 1, got {WindowSize}";
        }
        if (JournalLookback < WindowSize)
        {
            yield return $"{prefix}:JournalLookback must be at least WindowSize ({WindowSize}), got {JournalLookback}";
        }
        if (MaxClients < 1)
        {
            yield return $"{prefix}:MaxClients must be at least 1, got {MaxClients}";
        }
        if (Validation.MaxOps < 1 || Validation.MaxInsertLength < 1 || Validation.MaxDocumentLength < 1)
        {
            yield return $"{prefix}:Validation limits must be at least 1, got MaxOps {Validation.MaxOps}, MaxInsertLength {Validation.MaxInsertLength}, MaxDocumentLength {Validation.MaxDocumentLength}";
        }
        if (SnapshotEvery < 1)
        {
            yield return $"{prefix}:SnapshotEvery must be at least 1, got {SnapshotEvery}";
        }
        if (PresenceTtl <= TimeSpan.Zero)
        {
            yield return $"{prefix}:PresenceTtl must be positive, got {PresenceTtl}";
        }
    }
}
