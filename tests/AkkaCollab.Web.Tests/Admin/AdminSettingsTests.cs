using AkkaCollab.Web.Admin;

namespace AkkaCollab.Web.Tests.Admin;

public sealed class AdminSettingsTests
{
    private const string Public = "http://127.0.0.1:5000";

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:9110")]
    [InlineData("http://127.0.0.12:5000", "http://127.0.0.12:9110")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:9110")]
    [InlineData("http://127.0.0.1:0", "http://127.0.0.1:0")]
    public void Unset_the_admin_endpoint_is_on_loopback_next_to_the_public_one(string publicUrl, string expected) =>
        Assert.Equal(expected, new AdminSettings().EffectiveUrl(publicUrl));

    [Fact]
    public void Defaults_are_valid_and_a_loopback_endpoint_needs_no_token() =>
        Assert.Empty(new AdminSettings().Validate(Public));

    [Theory]
    [InlineData("https://127.0.0.1:9110", "must be http://host:port")]
    [InlineData("http://127.0.0.1:9110/admin", "must be http://host:port")]
    [InlineData("not a url", "must be http://host:port")]
    [InlineData("http://admin.example:9110", "must be an IP address or localhost")]
    [InlineData("http://0.0.0.0:9110", "not loopback")]
    [InlineData("http://127.0.0.1:5000", "another port than the public")]
    public void A_bad_admin_url_is_refused_naming_the_setting(string url, string problem)
    {
        var error = Assert.Single(new AdminSettings { Url = url }.Validate(Public));
        Assert.StartsWith("AkkaCollab:Admin:Url", error);
        Assert.Contains(problem, error);
    }

    [Fact]
    public void A_short_token_is_refused_without_being_echoed()
    {
        var error = Assert.Single(new AdminSettings { Token = "hunter2" }.Validate(Public));
        Assert.Contains("at least 16 characters", error);
        Assert.DoesNotContain("hunter2", error);
    }

    [Fact]
    public void A_non_loopback_endpoint_with_a_token_is_accepted() =>
        Assert.Empty(new AdminSettings { Url = "http://0.0.0.0:9110", Token = "a-long-enough-admin-token" }.Validate(Public));

    [Fact]
    public void An_invalid_admin_setting_stops_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Program.Build(["--environment", "Development"], new Dictionary<string, string?>
        {
            ["AkkaCollab:Web:Url"] = "http://127.0.0.1:0",
            ["AkkaCollab:Admin:Url"] = "http://10.1.2.3:9110",
        }));
        Assert.Contains("AkkaCollab:Admin:Url binds 10.1.2.3", error.Message);
    }
}
