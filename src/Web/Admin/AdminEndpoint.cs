using System.Net;
using AkkaCollab.Web.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AkkaCollab.Web.Admin;

/// The two Kestrel endpoints of a node: the public one (AkkaCollab:Web:Url) and the admin one.
/// Connections accepted on the admin endpoint carry an AdminConnection feature, so that the
/// admin routes answer there only and the public routes never do.
public sealed class AdminEndpoint
{
    private ListenOptions? _admin;

    /// The admin endpoint's URL once Kestrel has bound it (a configured port 0 resolved).
    public Uri? BoundUrl => _admin is { IPEndPoint: { } ip } ? new Uri($"http://{Format(ip)}/") : null;

    public static bool IsAdminConnection(HttpContext http) => http.Features.Get<AdminConnection>() is not null;

    public void Configure(KestrelServerOptions kestrel, WebSettings web, AdminSettings admin)
    {
        var pub = new Uri(web.Url);
        Listen(kestrel, pub, options =>
        {
            if (pub.Scheme == "https")
            {
                options.UseHttps();
            }
        });
        if (admin.Enabled)
        {
            Listen(kestrel, new Uri(admin.EffectiveUrl(web.Url)), options =>
            {
                _admin = options;
                options.Use(next => connection =>
                {
                    connection.Features.Set(AdminConnection.Instance);
                    return next(connection);
                });
            });
        }
    }

    private static void Listen(KestrelServerOptions kestrel, Uri url, Action<ListenOptions> configure)
    {
        if (url.Host == "localhost")
        {
            kestrel.ListenLocalhost(url.Port, configure);
        }
        else if (IPAddress.TryParse(url.Host, out var ip))
        {
            kestrel.Listen(ip, url.Port, configure);
        }
        else
        {
            kestrel.ListenAnyIP(url.Port, configure);
        }
    }

    private static string Format(IPEndPoint ip) => ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip.Address}]:{ip.Port}" : ip.ToString();
}

/// Marks a connection accepted on the admin endpoint.
public sealed class AdminConnection
{
    public static readonly AdminConnection Instance = new();
}
