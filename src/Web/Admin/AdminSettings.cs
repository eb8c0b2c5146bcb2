using System.Net;

namespace AkkaCollab.Web.Admin;

/// The admin endpoint's settings (section "AkkaCollab:Admin", e.g. AkkaCollab__Admin__Url): its
/// own Kestrel endpoint, loopback by default, and the token operators and `ctl` present.
public sealed class AdminSettings
{
    public const string Section = "AkkaCollab:Admin";

    public const int DefaultPort = 9110;

    /// http://host:port of the admin endpoint; port 0 picks a free port (tests). Unset: port 9110
    /// on the public URL's host when that is a loopback address (so nodes on 127.0.0.11, .12, …
    /// do not collide), else on 127.0.0.1; and port 0 when the public port is 0.
    public string? Url { get; set; }

    /// Bearer secret for `ctl` and Prometheus. Without one, only an admin-role JWT is accepted.
    public string? Token { get; set; }

    public bool Enabled { get; set; } = true;

    public const int MinTokenLength = 16;

    public static AdminSettings Load(IConfiguration configuration)
    {
        var settings = new AdminSettings();
        configuration.GetSection(Section).Bind(settings);
        return settings;
    }

    public string EffectiveUrl(string publicUrl)
    {
        if (!string.IsNullOrWhiteSpace(Url))
        {
            return Url;
        }
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var pub))
        {
            return $"http://127.0.0.1:{DefaultPort}";
        }
        var host = IPAddress.TryParse(pub.Host, out var ip) && IPAddress.IsLoopback(ip) ? pub.Host : "127.0.0.1";
        return $"http://{host}:{(pub.Port == 0 ? 0 : DefaultPort)}";
    }

    /// Every problem, each naming its setting; never echoes the token.
    public IReadOnlyList<string> Validate(string publicUrl)
    {
        var errors = new List<string>();
        if (!Enabled)
        {
            return errors;
        }
        var effective = EffectiveUrl(publicUrl);
        if (!Uri.TryCreate(effective, UriKind.Absolute, out var url) || url.Scheme != "http" || url.AbsolutePath != "/")
        {
            errors.Add($"{Section}:Url must be http://host:port (no path), got '{effective}'");
            return errors;
        }
        if (!IPAddress.TryParse(url.Host, out var ip) && url.Host != "localhost")
        {
            errors.Add($"{Section}:Url host must be an IP address or localhost, got '{url.Host}'");
        }
        else if (ip is not null && !IPAddress.IsLoopback(ip) && string.IsNullOrEmpty(Token))
        {
            errors.Add($"{Section}:Url binds {url.Host}, which is not loopback: configure {Section}:Token as well");
        }
        if (Uri.TryCreate(publicUrl, UriKind.Absolute, out var pub) && pub.Port == url.Port && url.Port != 0)
        {
            errors.Add($"{Section}:Url must use another port than the public AkkaCollab:Web:Url (both {url.Port})");
        }
        if (Token is { Length: < MinTokenLength })
        {
            errors.Add($"{Section}:Token must be at least {MinTokenLength} characters (got {Token.Length})");
        }
        return errors;
    }
}
