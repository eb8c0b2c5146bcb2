using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Security;

/// Hello and REST accept only valid access tokens outside Development.
public sealed class AccessTokenTests : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await SecureServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "forged", SecureServer.Token("alice", key: Enumerable.Repeat((byte)9, 32).ToArray()) },
        { "expired", SecureServer.Token("alice", expires: DateTime.UtcNow.AddMinutes(-1)) },
        { "wrong audience", SecureServer.Token("alice", audience: "someone-else") },
        { "wrong issuer", SecureServer.Token("alice", issuer: "evil") },
        { "plain name (development only)", "alice" },
        { "garbage", "a.b.c" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_in_hello_is_answered_unauthorized_and_closed_with_4401(string kind, string token)
    {
        await using var client = await WireClient.Open(_server.WebSocketUri);
        await client.Send(new ClientMessages.Hello(ProtocolVersion.Max, token));

        var error = Assert.IsType<ServerMessages.Error>(await client.Receive());
        Assert.True(error.Code == ErrorCode.Unauthorized, $"{kind}: {error.Code} {error.Message}");
        Assert.Equal((WebSocketCloseStatus)CloseCodes.Unauthorized, await client.ReadUntilClosed(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_hello_without_a_token_is_unauthorized_outside_development()
    {
        await using var client = await WireClient.Open(_server.WebSocketUri);
        await client.Send(new ClientMessages.Hello(ProtocolVersion.Max, null));

        var error = Assert.IsType<ServerMessages.Error>(await client.Receive());
        Assert.Equal(ErrorCode.Unauthorized, error.Code);
        Assert.Contains("access token", error.Message);
    }

    [Fact]
    public async Task A_valid_token_opens_the_socket()
    {
        await using var client = await SecureServer.Connect(_server, SecureServer.Token("alice"));
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_bearer_token_on_a_REST_read_is_401(string kind, string token)
    {
        var response = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, "/api/docs/rest-doc", token));
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {response.StatusCode}");
        Assert.Contains("\"code\":\"unauthorized\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_REST_read_without_a_token_is_401_and_with_a_valid_one_200()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Http.GetAsync("/api/docs/rest-doc")).StatusCode);
        var ok = await _server.Http.SendAsync(SecureServer.Request(HttpMethod.Get, "/api/docs/rest-doc", SecureServer.Token("alice")));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task The_development_sign_in_does_not_exist_outside_development()
    {
        var response = await _server.Http.PostAsJsonAsync("/api/auth/dev-sign-in", new { name = "mallory" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_socket_from_a_foreign_origin_is_refused_before_the_upgrade()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        var failure = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(_server.WebSocketUri, CancellationToken.None));
        Assert.Contains("403", failure.Message);

        using var same = new ClientWebSocket();
        same.Options.SetRequestHeader("Origin", _server.BaseUri.GetLeftPart(UriPartial.Authority));
        await same.ConnectAsync(_server.WebSocketUri, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, same.State);
    }
}
