using System.Net;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Security;

/// Flooding: HTTP per IP, per user and on /api/auth (429, code rate_limited, Retry-After);
/// WebSocket messages per user across sockets and per document across users (error rate_limited).
public sealed class RateLimitTests : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await SecureServer.Start(
        ("AkkaCollab:Security:HttpPerIpPerSecond", "1000"),
        ("AkkaCollab:Security:HttpPerIpBurst", "1000"),
        ("AkkaCollab:Security:HttpPerUserPerSecond", "1"),
        ("AkkaCollab:Security:HttpPerUserBurst", "3"),
        ("AkkaCollab:Security:AuthPerIpPerMinute", "3"),
        ("AkkaCollab:Security:SocketPerUserPerSecond", "0.1"),
        ("AkkaCollab:Security:SocketPerUserBurst", "5"),
        ("AkkaCollab:Security:SocketPerDocumentPerSecond", "0.1"),
        ("AkkaCollab:Security:SocketPerDocumentBurst", "3"));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HTTP_requests_over_the_per_user_limit_answer_429_rate_limited_while_other_users_go_on()
    {
        var alice = SecureServer.Token("alice");
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add(await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, "/api/docs/limited", alice)));
        }
        var rejected = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Contains("\"code\":\"rate_limited\"", await rejected.Content.ReadAsStringAsync());
        Assert.NotNull(rejected.Headers.RetryAfter);
        Assert.True(rejected.Headers.CacheControl?.NoStore);

        var bob = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, "/api/docs/limited", SecureServer.Token("bob")));
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    [Fact]
    public async Task The_auth_endpoints_are_limited_per_IP()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await _server.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Socket_messages_over_the_per_user_limit_across_sockets_are_answered_rate_limited()
    {
        var token = SecureServer.Token("carol");
        await using var one = await SecureServer.Connect(_server, token);
        await using var two = await SecureServer.Connect(_server, token);
        for (var i = 0; i < 4; i++)
        {
            await one.Send(new ClientMessages.Ping(i));
            Assert.IsType<ServerMessages.Pong>(await one.ReceiveSkippingNoise());
        }
        await two.Send(new ClientMessages.Ping(4));
        Assert.IsType<ServerMessages.Pong>(await two.ReceiveSkippingNoise());

        await two.Send(new ClientMessages.Ping(5));
        var error = Assert.IsType<ServerMessages.Error>(await two.ReceiveSkippingNoise());
        Assert.Equal(ErrorCode.RateLimited, error.Code);
        Assert.Contains("user carol", error.Message);
    }

    [Fact]
    public async Task Socket_messages_over_the_per_document_limit_across_users_are_answered_rate_limited()
    {
        var doc = SecureServer.NewDoc("hot");
        await using var dan = await SecureServer.Connect(_server, SecureServer.Token("dan"));
        await using var erin = await SecureServer.Connect(_server, SecureServer.Token("erin"));
        await SecureServer.Subscribe(dan, doc);
        await SecureServer.Subscribe(erin, doc);
        // Dan's two cursors are counted before Erin sends (his pong comes after them), so it is
        // Erin's second cursor, the fourth on the document, that finds the document's bucket empty.
        await dan.Send(new ClientMessages.Presence(doc, 0, new CursorRange(0, 0)));
        await dan.Send(new ClientMessages.Presence(doc, 0, new CursorRange(1, 0)));
        await dan.Send(new ClientMessages.Ping(1));
        Assert.IsType<ServerMessages.Pong>(await dan.ReceiveSkippingNoise());
        await erin.Send(new ClientMessages.Presence(doc, 0, new CursorRange(0, 0)));
        await erin.Send(new ClientMessages.Presence(doc, 0, new CursorRange(1, 0)));
        var error = Assert.IsType<ServerMessages.Error>(await erin.ReceiveSkippingNoise(TimeSpan.FromSeconds(5)));
        Assert.Equal(ErrorCode.RateLimited, error.Code);
        Assert.Contains($"document {doc}", error.Message);
    }
}
