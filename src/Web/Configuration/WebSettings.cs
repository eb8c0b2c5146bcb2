namespace AkkaCollab.Web.Configuration;

/// The web process's own settings (section "AkkaCollab:Web"): where it listens, where it keeps
/// its data, and the gateway's limits. Defaults are in code; every value can be overridden with
/// an environment variable such as AkkaCollab__Web__Url.
public sealed class WebSettings
{
    public const string Section = "AkkaCollab:Web";

    /// The one URL Kestrel listens on; port 0 picks a free port (tests).
    public string Url { get; set; } = "http://127.0.0.1:5000";

    /// Where the SQLite journal lives when no connection string is configured. Default: the
    /// user's local application data, never the build output.
    public string DataFolder { get; set; } = DefaultDataFolder();

    /// Largest inbound WebSocket message; a bigger one is answered too_large and closed with 1009.
    public int MaxFrameBytes { get; set; } = 1024 * 1024;

    /// Frames queued for one socket before it counts as a slow consumer (closed with 4008). Must
    /// hold a full replay of the feed window plus live traffic.
    public int OutboundBufferFrames { get; set; } = 2_048;

    /// Token bucket per connection: sustained messages per second, and the burst it absorbs.
    public double MessagesPerSecond { get; set; } = 50;
    public int MessageBurst { get; set; } = 200;

    /// Rejected (rate-limited) messages in a row before the socket is closed with 4429.
    public int RateLimitStrikes { get; set; } = 20;

    public int MaxSubscriptionsPerSocket { get; set; } = 100;

    /// The server pings every PingInterval; a socket silent for IdleTimeout is closed with 4000.
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// How long a submit or query may wait for the document's authority before "unavailable":
    /// after a failover the clients retry this soon, so it bounds how long a moved document
    /// stays silent (docs/cluster.md). Also how often a feed repeats an unanswered Subscribe.
    public TimeSpan AuthorityTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// A submit not answered within this is sent again (same client and seq; the authority
    /// answers a repeat as a duplicate) until AuthorityTimeout: a shard hand-off drops what the
    /// old home's region buffered, and the repeat reaches the new home (docs/cluster.md).
    public TimeSpan AuthorityRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// How long a close handshake may take before the socket is aborted.
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// On SIGTERM: how long to wait for sockets to close (1012) before leaving the cluster anyway.
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// Ops each local feed keeps for replays to connections that subscribe with from=N.
    public int FeedWindow { get; set; } = 1_000;

    /// How long a feed with no connections stays subscribed (a reload re-attaches at once).
    public TimeSpan FeedLinger { get; set; } = TimeSpan.FromSeconds(30);

    public static string DefaultDataFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "akkacollab");

    /// Every problem, each naming its setting.
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add($"{Section}:{message}");
            }
        }
        Check(Uri.TryCreate(Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
            $"Url must be an absolute http(s) URL, got '{Url}'");
        Check(!string.IsNullOrWhiteSpace(DataFolder), "DataFolder must not be empty");
        Check(MaxFrameBytes is >= 1024 and <= 64 * 1024 * 1024, $"MaxFrameBytes must be 1 KiB-64 MiB, got {MaxFrameBytes}");
        Check(OutboundBufferFrames >= 16, $"OutboundBufferFrames must be at least 16, got {OutboundBufferFrames}");
        Check(MessagesPerSecond > 0, $"MessagesPerSecond must be positive, got {MessagesPerSecond}");
        Check(MessageBurst >= 1, $"MessageBurst must be at least 1, got {MessageBurst}");
        Check(RateLimitStrikes >= 1, $"RateLimitStrikes must be at least 1, got {RateLimitStrikes}");
        Check(MaxSubscriptionsPerSocket >= 1, $"MaxSubscriptionsPerSocket must be at least 1, got {MaxSubscriptionsPerSocket}");
        Check(PingInterval > TimeSpan.Zero, $"PingInterval must be positive, got {PingInterval}");
        Check(IdleTimeout > PingInterval, $"IdleTimeout must be longer than PingInterval ({PingInterval}), got {IdleTimeout}");
        Check(AuthorityTimeout > TimeSpan.Zero, $"AuthorityTimeout must be positive, got {AuthorityTimeout}");
        Check(AuthorityRetryInterval > TimeSpan.Zero, $"AuthorityRetryInterval must be positive, got {AuthorityRetryInterval}");
        Check(CloseTimeout > TimeSpan.Zero, $"CloseTimeout must be positive, got {CloseTimeout}");
        Check(DrainTimeout >= TimeSpan.Zero, $"DrainTimeout must not be negative, got {DrainTimeout}");
        Check(FeedWindow >= 1, $"FeedWindow must be at least 1, got {FeedWindow}");
        Check(OutboundBufferFrames > FeedWindow, $"OutboundBufferFrames ({OutboundBufferFrames}) must exceed FeedWindow ({FeedWindow}) so that a replay fits");
        Check(FeedLinger >= TimeSpan.Zero, $"FeedLinger must not be negative, got {FeedLinger}");
        return errors;
    }
}
