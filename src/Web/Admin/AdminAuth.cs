using System.Security.Cryptography;
using System.Text;
using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Admin;

/// Who may use the admin endpoint: a caller presenting the configured admin token (compared in
/// constant time) or an access token with the admin role, as `Authorization: Bearer …`.
public sealed class AdminAuth(AdminSettings settings, SecuritySettings security, AccessTokens tokens)
{
    private readonly byte[]? _tokenHash = string.IsNullOrEmpty(settings.Token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(settings.Token));

    public async Task<bool> IsAdmin(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var presented = header["Bearer ".Length..].Trim();
        if (presented.Length == 0)
        {
            return false;
        }
        // Hashing first makes both sides the same length, so the comparison time says nothing.
        if (_tokenHash is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _tokenHash))
        {
            return true;
        }
        // Only a JWT (three dot-separated parts) is worth validating.
        if (presented.Count(c => c == '.') != 2)
        {
            return false;
        }
        var result = await tokens.Validate(presented);
        return result.User is not null && result.IsAdmin(security.AdminRole);
    }
}
