using System.Security.Claims;
using System.Security.Cryptography;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol.Wire;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AkkaCollab.Web.Security;

/// Issues this service's access tokens (short-lived HS256 JWTs) and validates any access token
/// with exactly the rules the HTTP JwtBearer handler uses, including an Authority's published
/// keys, so that a socket and a REST call accept the same tokens.
public sealed class AccessTokens
{
    public const string RoleClaim = "role";

    private readonly SecuritySettings _settings;
    private readonly IOptionsMonitor<JwtBearerOptions> _bearer;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public AccessTokens(SecuritySettings settings, IOptionsMonitor<JwtBearerOptions> bearer, SigningKeySet keys)
    {
        _settings = settings;
        _bearer = bearer;
        Keys = keys;
    }

    public SigningKeySet Keys { get; }

    public (string Token, DateTimeOffset Expires) Issue(string user, IEnumerable<string> roles)
    {
        var now = DateTimeOffset.UtcNow;
        var expires = now + _settings.AccessTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = user,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        var roleList = roles.ToArray();
        if (roleList.Length > 0)
        {
            claims[RoleClaim] = roleList;
        }
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _settings.Issuer,
            Audience = _settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(Keys.Signing, SecurityAlgorithms.HmacSha256),
        });
        return (token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// The user (the token's sub) and the token's expiry, or the reason it is refused.
    public async Task<AuthResult> Validate(string token)
    {
        var options = _bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is { } manager)
        {
            try
            {
                var config = await manager.GetConfigurationAsync(CancellationToken.None);
                parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. config.SigningKeys];
                parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], config.Issuer];
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
            {
                return AuthResult.Refused("token: the identity provider's keys are unavailable; retry");
            }
        }
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return AuthResult.Refused("token: " + Describe(result.Exception));
        }
        var user = result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        if (user is null || !Identifiers.IsValid(user, Identifiers.MaxClientIdLength))
        {
            return AuthResult.Refused("token: sub must be 1-64 characters of [A-Za-z0-9._-]");
        }
        if (user == DocumentCommands.GatewayFeedUser)
        {
            return AuthResult.Refused($"token: the user name '{user}' is reserved for the nodes' own feeds");
        }
        var roles = result.ClaimsIdentity.FindAll(RoleClaim).Select(c => c.Value).ToArray();
        return new AuthResult(user, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero), roles, null);
    }

    /// The parameters both the JwtBearer handler and Validate use.
    public static TokenValidationParameters Parameters(SecuritySettings settings, SigningKeySet keys) => new()
    {
        ValidIssuer = settings.Issuer,
        ValidAudience = settings.Audience,
        IssuerSigningKeys = keys.All,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = settings.ClockSkew,
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = RoleClaim,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
    };

    private static string Describe(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "expired; refresh it",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "bad signature",
        SecurityTokenNotYetValidException => "not valid yet",
        null => "not accepted",
        _ => "malformed or not accepted",
    };
}

/// The outcome of checking a token: User and Expires when accepted, Reason when not.
public sealed record AuthResult(string? User, DateTimeOffset? Expires, IReadOnlyList<string> Roles, string? Reason)
{
    public static AuthResult Refused(string reason) => new(null, null, [], reason);

    public bool IsAdmin(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

/// The keys tokens are signed and checked with: the configured ones, or in Development (with
/// none configured) one random key for this process's lifetime.
public sealed class SigningKeySet
{
    public SigningKeySet(SecuritySettings settings)
    {
        var configured = settings.SigningKeys.Select(k => SecuritySettings.KeyBytes(k)!).ToList();
        if (configured.Count == 0)
        {
            configured.Add(RandomNumberGenerator.GetBytes(32));
        }
        All = [.. configured.Select((bytes, i) => new SymmetricSecurityKey(bytes) { KeyId = $"k{i}-{Convert.ToHexString(SHA256.HashData(bytes))[..8]}" })];
        Signing = (SymmetricSecurityKey)All[0];
    }

    public SymmetricSecurityKey Signing { get; }

    public IReadOnlyList<SecurityKey> All { get; }
}

/// Claims helpers for HTTP requests.
public static class CallerClaims
{
    public static string? User(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value : null;
}
