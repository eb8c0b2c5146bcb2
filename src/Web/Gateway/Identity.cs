using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Gateway;

/// Turns the hello's (or an auth message's) token into a user and the moment the socket's
/// authentication runs out. The one seam authentication plugs into.
public interface IIdentityProvider
{
    Task<AuthResult> Authenticate(string? token);
}

/// Development only: the token is the user name itself (no token: "anonymous"); it never expires.
public sealed class DevelopmentIdentity : IIdentityProvider
{
    public Task<AuthResult> Authenticate(string? token)
    {
        if (token is null)
        {
            return Task.FromResult(new AuthResult("anonymous", null, [], null));
        }
        if (Identifiers.IsValid(token, Identifiers.MaxClientIdLength) && !IsJwtShaped(token))
        {
            return Task.FromResult(new AuthResult(token, null, [], null));
        }
        return Task.FromResult(AuthResult.Refused("token: a development identity is 1-64 characters of [A-Za-z0-9._-]"));
    }

    /// header.payload.signature: three non-empty segments.
    public static bool IsJwtShaped(string token) => token.Split('.') is { Length: 3 } parts && parts.All(p => p.Length > 0);
}

/// Access tokens (JWTs) always; in Development also the plain names of DevelopmentIdentity, so
/// that the development sign-in, the E2E tests and `dotnet run` keep working.
public sealed class JwtIdentity(AccessTokens tokens, SecurityMode mode) : IIdentityProvider
{
    private readonly DevelopmentIdentity _development = new();

    public Task<AuthResult> Authenticate(string? token)
    {
        if (token is not null && DevelopmentIdentity.IsJwtShaped(token))
        {
            return tokens.Validate(token);
        }
        if (mode.DevelopmentSignIn)
        {
            return _development.Authenticate(token);
        }
        return Task.FromResult(AuthResult.Refused(token is null
            ? "token: hello must carry an access token"
            : "token: not a JWT access token"));
    }
}
