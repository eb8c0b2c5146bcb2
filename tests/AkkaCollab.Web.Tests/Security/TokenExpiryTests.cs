using System.Net.WebSockets;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Security;

/// A socket lives as long as its token: it is closed with 4401 at expiry unless the client sent
/// auth {token} with a fresh token for the same user first.
public sealed class TokenExpiryTests : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await SecureServer.Start();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Token_expiry_closes_the_socket_with_4401()
    {
        await using var client = await SecureServer.Connect(_server, SecureServer.Token("alice", TimeSpan.FromSeconds(2)));

        var error = Assert.IsType<ServerMessages.Error>(await client.ReceiveSkippingNoise(TimeSpan.FromSeconds(6)));
        Assert.Equal(ErrorCode.Unauthorized, error.Code);
        Assert.Contains("expired", error.Message);
        Assert.Equal((WebSocketCloseStatus)CloseCodes.Unauthorized, await client.ReadUntilClosed(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Re_authentication_on_the_same_socket_extends_it()
    {
        await using var client = await SecureServer.Connect(_server, SecureServer.Token("alice", TimeSpan.FromSeconds(2)));
        var fresh = SecureServer.Token("alice", TimeSpan.FromSeconds(30));

        await client.Send(new ClientMessages.Auth(fresh));
        var authenticated = Assert.IsType<ServerMessages.Authenticated>(await client.ReceiveSkippingNoise());
        Assert.InRange(authenticated.Expires - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 25_000, 31_000);

        await Task.Delay(TimeSpan.FromSeconds(3));
        await client.Send(new ClientMessages.Ping(7));
        Assert.Equal(new ServerMessages.Pong(7), await client.ReceiveSkippingNoise());
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task Re_authentication_as_another_user_or_with_a_bad_token_is_refused_and_changes_nothing()
    {
        await using var client = await SecureServer.Connect(_server, SecureServer.Token("alice", TimeSpan.FromSeconds(3)));

        await client.Send(new ClientMessages.Auth(SecureServer.Token("bob")));
        Assert.Contains("another user", Assert.IsType<ServerMessages.Error>(await client.ReceiveSkippingNoise()).Message);
        await client.Send(new ClientMessages.Auth(SecureServer.Token("alice", audience: "elsewhere")));
        Assert.Equal(ErrorCode.Unauthorized, Assert.IsType<ServerMessages.Error>(await client.ReceiveSkippingNoise()).Code);

        Assert.Equal((WebSocketCloseStatus)CloseCodes.Unauthorized, await client.ReadUntilClosed(TimeSpan.FromSeconds(8)));
    }
}
