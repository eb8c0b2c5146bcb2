using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Gateway;

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
