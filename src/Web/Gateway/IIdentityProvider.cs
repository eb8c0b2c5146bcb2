using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Gateway;

/// Turns the hello's (or an auth message's) token into a user and the moment the socket's
/// authentication runs out. The one seam authentication plugs into.
public interface IIdentityProvider
{
    Task<AuthResult> Authenticate(string? token);
}
