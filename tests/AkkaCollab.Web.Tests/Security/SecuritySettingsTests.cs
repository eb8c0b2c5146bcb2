using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Tests.Security;

/// Start-up refuses an insecure configuration outside Development, naming the setting.
public sealed class SecuritySettingsTests
{
    [Fact]
    public void Production_without_signing_keys_or_an_authority_is_refused()
    {
        var errors = new SecuritySettings().Validate(isDevelopment: false);
        Assert.Contains(errors, e => e.Contains("SigningKeys or Authority"));
        Assert.Empty(new SecuritySettings().Validate(isDevelopment: true));
    }

    [Fact]
    public void The_development_sign_in_cannot_be_enabled_outside_development()
    {
        var settings = new SecuritySettings { SigningKeys = [Convert.ToBase64String(new byte[32])], DevelopmentSignIn = true };
        Assert.Contains(settings.Validate(isDevelopment: false), e => e.Contains("DevelopmentSignIn"));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_signing_key_must_be_base64_of_at_least_32_bytes(string key)
    {
        var settings = new SecuritySettings { SigningKeys = [key] };
        Assert.Contains(settings.Validate(isDevelopment: false), e => e.Contains("SigningKeys:0"));
    }

    [Fact]
    public void Access_tokens_default_to_ten_minutes_and_may_not_exceed_an_hour()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), new SecuritySettings().AccessTokenLifetime);
        var settings = new SecuritySettings { AccessTokenLifetime = TimeSpan.FromHours(24) };
        Assert.Contains(settings.Validate(isDevelopment: true), e => e.Contains("AccessTokenLifetime"));
    }

    [Fact]
    public void An_allowed_origin_must_be_scheme_host_and_port_only()
    {
        var settings = new SecuritySettings { AllowedOrigins = ["https://docs.example.com/app"] };
        Assert.Contains(settings.Validate(isDevelopment: true), e => e.Contains("AllowedOrigins"));
    }
}
