using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Gateway;

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
