using AkkaCollab.Node.Documents;

namespace AkkaCollab.Node.Hosting;

// Everything a node needs, bound from configuration (section "AkkaCollab:Node"), defaults in code.
public sealed class AkkaCollabNodeOptions
{
    public const string Section = "AkkaCollab:Node";

    public string ActorSystemName { get; set; } = "akkacollab";

    // Address to bind remoting to; PublicHostname is what other nodes use (defaults to Hostname).
    public string Hostname { get; set; } = "127.0.0.1";
    public string? PublicHostname { get; set; }
    public int Port { get; set; } = 4053;

    // akka.tcp://{ActorSystemName}@host:port addresses; empty: the node joins itself.
    public List<string> SeedNodes { get; set; } = [];

    // "doc" hosts document shards; "web" only proxies to them.
    public List<string> Roles { get; set; } = ["web", "doc"];

    public int ShardCount { get; set; } = 100;
    public TimeSpan PassivateIdleAfter { get; set; } = TimeSpan.FromMinutes(2);

    // Split-brain resolver (keep-majority): how long membership must be stable before downing.
    public TimeSpan SbrStableAfter { get; set; } = TimeSpan.FromSeconds(1.5);
    public bool SbrDownAllWhenUnstable { get; set; } = true;

    public FailoverOptions Failover { get; set; } = new();

    // Test only: force a blocking full GC this often (AkkaCollab__Node__TestOnlyForcedFullGcInterval).
    public TimeSpan? TestOnlyForcedFullGcInterval { get; set; }

    public JournalProvider Journal { get; set; } = JournalProvider.Sqlite;
    public string ConnectionString { get; set; } = "Data Source=akkacollab.db";

    // The SQL journal's concurrent writes and the most events one of them takes (the plugin's
    // parallelism and batch-size, with its defaults). Events that queue while the writes are
    // out go in the next one: one transaction, one commit for many documents. 1 against 3 was
    // within the noise at ordinary load and at saturation (docs/benchmarks.md, "Settings").
    public int JournalParallelism { get; set; } = 3;
    public int JournalBatchSize { get; set; } = 100;

    public DocumentLimits Document { get; set; } = new();

    public const string DocRole = "doc";

    // Every problem, each naming its option, so that start-up can fail with all of them at once.
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ActorSystemName) || !ActorSystemName.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors.Add($"{Section}:ActorSystemName must be letters, digits and '-', got '{ActorSystemName}'");
        }
        if (string.IsNullOrWhiteSpace(Hostname))
        {
            errors.Add($"{Section}:Hostname must not be empty");
        }
        if (Port is < 0 or > 65535)
        {
            errors.Add($"{Section}:Port must be 0-65535, got {Port}");
        }
        foreach (var seed in SeedNodes)
        {
            if (!seed.StartsWith($"akka.tcp://{ActorSystemName}@", StringComparison.Ordinal))
            {
                errors.Add($"{Section}:SeedNodes entry '{seed}' must start with akka.tcp://{ActorSystemName}@");
            }
        }
        if (Roles.Count == 0 || Roles.Any(r => r is not ("web" or "doc")))
        {
            errors.Add($"{Section}:Roles must be one or more of web, doc; got [{string.Join(", ", Roles)}]");
        }
        if (ShardCount is < 1 or > 10_000)
        {
            errors.Add($"{Section}:ShardCount must be 1-10000, got {ShardCount}");
        }
        if (PassivateIdleAfter <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:PassivateIdleAfter must be positive, got {PassivateIdleAfter}");
        }
        if (SbrStableAfter < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{Section}:SbrStableAfter must be at least 1s, got {SbrStableAfter}");
        }
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add($"{Section}:ConnectionString must not be empty (Journal is {Journal})");
        }
        else if (Journal == JournalProvider.PostgreSql && !ConnectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{Section}:ConnectionString for PostgreSql must name a Host=, got '{Telemetry.Redaction.ConnectionString(ConnectionString)}'");
        }
        else if (Journal == JournalProvider.Sqlite && !ConnectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{Section}:ConnectionString for Sqlite must name a Data Source=, got '{Telemetry.Redaction.ConnectionString(ConnectionString)}'");
        }
        if (JournalParallelism is < 1 or > 64)
        {
            errors.Add($"{Section}:JournalParallelism must be 1-64, got {JournalParallelism}");
        }
        if (JournalBatchSize is < 1 or > 10_000)
        {
            errors.Add($"{Section}:JournalBatchSize must be 1-10000, got {JournalBatchSize}");
        }
        if (TestOnlyForcedFullGcInterval is { } gc && gc < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"{Section}:TestOnlyForcedFullGcInterval must be at least 100ms when set, got {gc}");
        }
        errors.AddRange(Failover.Validate($"{Section}:Failover"));
        errors.AddRange(Document.Validate($"{Section}:Document"));
        return errors;
    }

    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid AkkaCollab node options:\n  " + string.Join("\n  ", errors));
        }
    }
}
