using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using AkkaCollab.Node.Hosting;

namespace AkkaCollab.Web.Security;

/// Refresh tokens, server-side, in the service's database (SQLite embedded, PostgreSQL in
/// production): one row per token, stored as its SHA-256 only. Every token belongs to a family
/// (one sign-in); using a token rotates it (marks it used, issues its successor in the family),
/// and presenting a used token again means it was stolen: the whole family is revoked.
public sealed class RefreshTokenStore
{
    private const string Create = """
        CREATE TABLE IF NOT EXISTS refresh_tokens (
            token_hash TEXT PRIMARY KEY,
            family TEXT NOT NULL,
            user_id TEXT NOT NULL,
            roles TEXT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT NULL,
            revoked_at BIGINT NULL)
        """;

    private readonly ServiceDatabase _database;
    private readonly TimeSpan _lifetime;

    public RefreshTokenStore(SecuritySettings settings, AkkaCollabNodeOptions node)
    {
        _database = new ServiceDatabase(node.Journal, settings.RefreshTokenConnectionString ?? node.ConnectionString, Create);
        _lifetime = settings.RefreshTokenLifetime;
    }

    public Task EnsureCreated() => _database.EnsureCreated();

    public abstract record Outcome;

    /// The token was valid and is now used; Token is its successor.
    public sealed record Rotated(string User, IReadOnlyList<string> Roles, string Token, DateTimeOffset Expires) : Outcome;

    /// Unknown, expired or revoked.
    public sealed record Invalid(string Reason) : Outcome;

    /// An already-used token was presented: its family is now revoked.
    public sealed record Reused(string User) : Outcome;

    /// Starts a family (a sign-in).
    public async Task<(string Token, DateTimeOffset Expires)> Issue(string user, IReadOnlyList<string> roles)
    {
        await using var db = await _database.Open();
        return await Insert(db, Guid.NewGuid().ToString("N"), user, roles);
    }

    public async Task<Outcome> Rotate(string token)
    {
        var now = Now();
        var hash = Hash(token);
        await using var db = await _database.Open();
        // The conditional update is the lock: of two concurrent uses exactly one wins.
        var won = await ServiceDatabase.Execute(db, "UPDATE refresh_tokens SET used_at = @now WHERE token_hash = @h AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @now",
            ("now", now), ("h", hash));
        await using var read = ServiceDatabase.Command(db, "SELECT family, user_id, roles, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = @h", ("h", hash));
        await using var row = await read.ExecuteReaderAsync();
        if (!await row.ReadAsync())
        {
            return new Invalid("unknown refresh token");
        }
        var family = row.GetString(0);
        var user = row.GetString(1);
        var roles = row.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var usedBefore = won == 0 && !row.IsDBNull(4);
        var revoked = !row.IsDBNull(5);
        var expired = row.GetInt64(3) <= now;
        await row.DisposeAsync();
        if (won == 1)
        {
            var (next, expires) = await Insert(db, family, user, roles);
            return new Rotated(user, roles, next, expires);
        }
        if (usedBefore && !revoked)
        {
            await RevokeFamily(db, family);
            return new Reused(user);
        }
        return new Invalid(revoked ? "refresh token revoked" : expired ? "refresh token expired" : "refresh token already used");
    }

    /// Logout: the family of token can no longer be used.
    public async Task Revoke(string token)
    {
        await using var db = await _database.Open();
        await ServiceDatabase.Execute(db, "UPDATE refresh_tokens SET revoked_at = @now WHERE revoked_at IS NULL AND family = (SELECT family FROM refresh_tokens WHERE token_hash = @h)",
            ("now", Now()), ("h", Hash(token)));
    }

    private async Task RevokeFamily(DbConnection db, string family) =>
        await ServiceDatabase.Execute(db, "UPDATE refresh_tokens SET revoked_at = @now WHERE family = @f AND revoked_at IS NULL", ("now", Now()), ("f", family));

    private async Task<(string, DateTimeOffset)> Insert(DbConnection db, string family, string user, IReadOnlyList<string> roles)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = DateTimeOffset.UtcNow + _lifetime;
        await ServiceDatabase.Execute(db, "INSERT INTO refresh_tokens (token_hash, family, user_id, roles, expires_at) VALUES (@h, @f, @u, @r, @e)",
            ("h", Hash(token)), ("f", family), ("u", user), ("r", string.Join(' ', roles)), ("e", expires.ToUnixTimeMilliseconds()));
        return (token, expires);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
