using AkkaCollab.Protocol.Validation;

namespace AkkaCollab.Protocol.Tests.Validation;

/// <summary>Only http, https, mailto and relative links pass, however the scheme is disguised.</summary>
public sealed class LinkSafetyTests
{
    [Theory]
    [InlineData("https://example.com/a?b=c#d")]
    [InlineData("http://example.com")]
    [InlineData("HTTPS://EXAMPLE.COM")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("  https://example.com  ")]
    [InlineData("/relative/path")]
    [InlineData("relative/path")]
    [InlineData("page.html")]
    [InlineData("#anchor")]
    [InlineData("?query=1")]
    [InlineData("//example.com/protocol-relative")]
    [InlineData("/path/with:colon")]
    [InlineData("javascript%3Aalert(1)")]
    public void Safe_links_pass(string url)
    {
        Assert.True(LinkSafety.IsSafe(url), url);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("  javascript:alert(1)")]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData("\tjava\nscript:alert(1)")]
    [InlineData("java\rscript:alert(1)")]
    [InlineData("java\u0000script:alert(1)")]
    [InlineData("javascript\u0008:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("DATA:image/svg+xml,<svg onload=alert(1)>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com")]
    [InlineData("\uff4aavascript:alert(1)")]
    [InlineData("")]
    [InlineData("   ")]
    public void Unsafe_links_fail(string url)
    {
        Assert.False(LinkSafety.IsSafe(url), url);
    }

    [Fact]
    public void Null_is_not_a_link()
    {
        Assert.False(LinkSafety.IsSafe(null));
    }

    [Fact]
    public void The_allowed_schemes_are_configurable()
    {
        var schemes = new HashSet<string>(["https"], StringComparer.OrdinalIgnoreCase);
        Assert.True(LinkSafety.IsSafe("https://x", schemes));
        Assert.False(LinkSafety.IsSafe("mailto:a@b", schemes));
        Assert.True(LinkSafety.IsSafe("/relative", schemes));
    }
}
