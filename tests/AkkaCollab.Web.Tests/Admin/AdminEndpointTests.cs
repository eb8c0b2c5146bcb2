using System.Net;
using System.Net.Http.Headers;
using AkkaCollab.Web.Admin.Ctl;
using AkkaCollab.Web.Security;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaCollab.Web.Tests.Admin;

/// The admin endpoint is a second Kestrel endpoint: it answers admins only, and the public
/// endpoint never serves it.
public sealed class AdminEndpointTests(AdminNode node) : IClassFixture<AdminNode>
{
    private CollabServer A => node.Server;

    [Fact]
    public async Task A_request_without_a_valid_admin_token_is_refused_with_401()
    {
        using var http = new HttpClient { BaseAddress = A.AdminUri() };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("admin/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("metrics")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminNodes.Token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("admin/cluster")).StatusCode);
        // An access token without the admin role is a user, not an operator.
        var user = A.App.Services.GetRequiredService<AccessTokens>().Issue("mallory", []).Token;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("admin/cluster")).StatusCode);
    }

    [Fact]
    public async Task The_admin_token_or_an_admin_role_access_token_is_accepted()
    {
        using var http = new HttpClient { BaseAddress = A.AdminUri() };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminNodes.Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("admin/cluster")).StatusCode);
        var admin = A.App.Services.GetRequiredService<AccessTokens>().Issue("olivia", ["admin"]).Token;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("admin/cluster")).StatusCode);
    }

    [Fact]
    public async Task The_public_endpoint_does_not_serve_admin_routes_and_the_admin_endpoint_no_public_ones()
    {
        Assert.NotEqual(A.BaseUri.Port, A.AdminUri().Port);
        A.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminNodes.Token);
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await A.Http.GetAsync("/admin/cluster")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await A.Http.GetAsync("/metrics")).StatusCode);
        }
        finally
        {
            A.Http.DefaultRequestHeaders.Authorization = null;
        }
        using var admin = new HttpClient { BaseAddress = A.AdminUri() };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminNodes.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Ctl_exit_codes_tell_usage_unreachable_unauthorized_and_refused_apart()
    {
        Assert.Equal(ExitCodes.Usage, (await A.Ctl("cluster")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await A.Ctl("cluster", "frobnicate")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await AdminNodes.Ctl(new Uri("http://127.0.0.1:1/"), null, ["--node", "not a url", "cluster", "show"])).ExitCode);
        var unauthorized = await AdminNodes.Ctl(A.AdminUri(), "wrong-token-0123456789", ["cluster", "show"]);
        Assert.Equal(ExitCodes.Unreachable, unauthorized.ExitCode);
        Assert.Contains("unauthorized", unauthorized.Err);
        // Port 1 on loopback: nothing listens there.
        var unreachable = await AdminNodes.Ctl(new Uri("http://127.0.0.1:1/"), AdminNodes.Token, ["cluster", "show"]);
        Assert.Equal(ExitCodes.Unreachable, unreachable.ExitCode);
        var refused = await A.Ctl("cluster", "leave", "akka.tcp://webtest@127.0.0.1:1");
        Assert.Equal(ExitCodes.CommandFailed, refused.ExitCode);
        Assert.Contains("is not a member", refused.Err);
        var malformed = await A.Ctl("cluster", "down", "junk");
        Assert.Equal(ExitCodes.CommandFailed, malformed.ExitCode);
        Assert.Contains("not an actor system address", malformed.Err);
    }
}
