using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AkkaCollab.Web.Tests.Security;

/// A node in the Production environment (no development sign-in, no plain-name tokens) with a
/// known signing key, and a minting kit for good and bad access tokens.
public static class SecureServer
{
    public const string Issuer = "akkacollab-test";
    public const string Audience = "akkacollab-test";

    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AkkaCollab:Security:Issuer"] = Issuer,
            ["AkkaCollab:Security:Audience"] = Audience,
            ["AkkaCollab:Security:SigningKeys:0"] = Convert.ToBase64String(Key),
            ["AkkaCollab:Security:ClockSkew"] = "00:00:00",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    public static Task<CollabServer> Start(params (string Key, string? Value)[] extra) =>
        CollabServer.Start(Settings(extra), environment: "Production");

    public static string Token(string user, TimeSpan? lifetime = null, string audience = Audience, byte[]? key = null,
        string issuer = Issuer, string[]? roles = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now + (lifetime ?? TimeSpan.FromMinutes(10));
        var claims = new Dictionary<string, object> { ["sub"] = user };
        if (roles is not null)
        {
            claims["role"] = roles;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = exp < now ? exp.AddMinutes(-10) : now,
            NotBefore = exp < now ? exp.AddMinutes(-10) : now,
            Expires = exp,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// Sends hello with token; returns the client after welcome, or throws with the server's answer.
    public static async Task<WireClient> Connect(CollabServer server, string token)
    {
        var client = await WireClient.Open(server.WebSocketUri);
        await client.Send(new ClientMessages.Hello(ProtocolVersion.Max, token));
        Assert.IsType<ServerMessages.Welcome>(await client.Receive());
        return client;
    }

    /// Subscribes and reads up to "subscribed"; returns the revision.
    public static async Task<long> Subscribe(WireClient client, string doc)
    {
        await client.Send(new ClientMessages.Subscribe(doc, null));
        while (true)
        {
            switch (await client.ReceiveSkippingNoise())
            {
                case ServerMessages.Subscribed s:
                    return s.Rev;
                case ServerMessages.Error e:
                    throw new InvalidOperationException($"sub {doc}: {e.Code} {e.Message}");
            }
        }
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    public static async Task<HttpResponseMessage> Share(CollabServer server, string ownerToken, string doc, string user, string role) =>
        await server.Http.SendAsync(Request(HttpMethod.Put, $"/api/docs/{doc}/access/{user}", ownerToken, JsonContent.Create(new { role })));

    /// What anyone signed in with the link may do: "restricted", "viewer" or "editor".
    public static async Task<HttpResponseMessage> SetGeneral(CollabServer server, string ownerToken, string doc, string general) =>
        await server.Http.SendAsync(Request(HttpMethod.Put, $"/api/docs/{doc}/access", ownerToken, JsonContent.Create(new { general })));

    /// Shares doc with user as role and restricts it to the people on its list: a private document.
    public static async Task SharePrivately(CollabServer server, string ownerToken, string doc, string user, string role)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Share(server, ownerToken, doc, user, role)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await SetGeneral(server, ownerToken, doc, "restricted")).StatusCode);
    }

    public static async Task<HttpResponseMessage> Unshare(CollabServer server, string ownerToken, string doc, string user) =>
        await server.Http.SendAsync(Request(HttpMethod.Delete, $"/api/docs/{doc}/access/{user}", ownerToken));

    public static string NewDoc(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public static bool ClosedWith(WireClient client, int code) => client.CloseStatus == (WebSocketCloseStatus)code;
}
