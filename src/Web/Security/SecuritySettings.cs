namespace AkkaCollab.Web.Security;

/// Authentication, origins and rate limits (section "AkkaCollab:Security"). docs/security.md is
/// the operator's guide to every value here.
public sealed class SecuritySettings
{
    public const string Section = "AkkaCollab:Security";

    /// The iss and aud every access token must carry.
    public string Issuer { get; set; } = "akkacollab";
    public string Audience { get; set; } = "akkacollab";

    /// Base64 HMAC-SHA256 keys of at least 32 bytes. The first signs the tokens this service
    /// issues; all of them validate, so a key is rotated by prepending the new one and removing
    /// the old one after AccessTokenLifetime. Empty in Development: a random key per process.
    public List<string> SigningKeys { get; set; } = [];

    /// An OpenID Connect authority (identity provider) whose published keys also validate tokens.
    public string? Authority { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// Tolerated clock difference between the token issuer and this node.
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// Browser origins allowed to open the WebSocket (scheme://host[:port]). Empty: same origin only.
    public List<string> AllowedOrigins { get; set; } = [];

    /// The role claim value the admin endpoints require.
    public string AdminRole { get; set; } = "admin";

    /// The name-only sign-in and plain-name hello tokens. Null: on in Development only; turning it
    /// on in any other environment is a start-up error.
    public bool? DevelopmentSignIn { get; set; }

    /// Where refresh tokens are stored; null: the node's journal database.
    public string? RefreshTokenConnectionString { get; set; }

    /// HTTP: requests per second (and burst) per client IP, per signed-in user, and per IP on /api/auth.
    public int HttpPerIpPerSecond { get; set; } = 50;
    public int HttpPerIpBurst { get; set; } = 200;
    public int HttpPerUserPerSecond { get; set; } = 20;
    public int HttpPerUserBurst { get; set; } = 100;
    public int AuthPerIpPerMinute { get; set; } = 30;

    /// WebSocket messages per second (and burst) per user across its sockets on a node, and per document.
    public double SocketPerUserPerSecond { get; set; } = 100;
    public int SocketPerUserBurst { get; set; } = 400;
    public double SocketPerDocumentPerSecond { get; set; } = 500;
    public int SocketPerDocumentBurst { get; set; } = 2_000;

    public IReadOnlyList<string> Validate(bool isDevelopment)
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok) errors.Add($"{Section}:{message}");
        }
        Check(!string.IsNullOrWhiteSpace(Issuer), "Issuer must not be empty");
        Check(!string.IsNullOrWhiteSpace(Audience), "Audience must not be empty");
        foreach (var (key, i) in SigningKeys.Select((k, i) => (k, i)))
        {
            Check(KeyBytes(key) is { Length: >= 32 }, $"SigningKeys:{i} must be base64 of at least 32 bytes");
        }
        Check(isDevelopment || SigningKeys.Count > 0 || !string.IsNullOrWhiteSpace(Authority),
            "SigningKeys or Authority must be configured outside Development");
        Check(Authority is null || Uri.TryCreate(Authority, UriKind.Absolute, out _), $"Authority must be an absolute URL, got '{Authority}'");
        Check(AccessTokenLifetime > TimeSpan.Zero && AccessTokenLifetime <= TimeSpan.FromHours(1), $"AccessTokenLifetime must be 0-1 h, got {AccessTokenLifetime}");
        Check(RefreshTokenLifetime > AccessTokenLifetime, $"RefreshTokenLifetime must exceed AccessTokenLifetime, got {RefreshTokenLifetime}");
        Check(ClockSkew >= TimeSpan.Zero && ClockSkew <= TimeSpan.FromMinutes(5), $"ClockSkew must be 0-5 min, got {ClockSkew}");
        Check(AllowedOrigins.All(o => Uri.TryCreate(o, UriKind.Absolute, out var u) && u.AbsolutePath == "/"),
            "AllowedOrigins must be scheme://host[:port] values");
        Check(isDevelopment || DevelopmentSignIn != true, "DevelopmentSignIn may only be enabled in the Development environment");
        Check(HttpPerIpPerSecond > 0 && HttpPerIpBurst > 0 && HttpPerUserPerSecond > 0 && HttpPerUserBurst > 0 && AuthPerIpPerMinute > 0,
            "the Http* and AuthPerIpPerMinute limits must be positive");
        Check(SocketPerUserPerSecond > 0 && SocketPerUserBurst > 0 && SocketPerDocumentPerSecond > 0 && SocketPerDocumentBurst > 0,
            "the Socket* limits must be positive");
        return errors;
    }

    public static byte[]? KeyBytes(string key)
    {
        try
        {
            return Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
