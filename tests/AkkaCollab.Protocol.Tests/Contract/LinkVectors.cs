namespace AkkaCollab.Protocol.Tests.Contract;

/// <summary>
/// Tricky URLs whose verdicts (from the C# <c>LinkSafety</c>) go into the contract, so that the
/// browser's link check is held to the server's on each of them. Disguises first (case, spaces,
/// tabs and newlines, controls, entities), then other schemes, then what must pass.
/// </summary>
internal static class LinkVectors
{
    public static IReadOnlyList<string> All { get; } =
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "\tjavascript:alert(1)",
        "\n\rjavascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "jav\r\nascript:alert(1)",
        "\u0001\u001fjavascript:alert(1)",
        "java\u0000script:alert(1)",
        "javascript:alert(1)\u0000 ",
        "javascript:void(0)",
        "\u00a0javascript:alert(1)",
        "\uff4aavascript:alert(1)",
        "java script:alert(1)",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "javascript%3Aalert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:image/png;base64,iVBORw0KGgo=",
        "vbscript:msgbox(1)",
        "about:blank",
        "file:///etc/passwd",
        "blob:https://example.com/0b1c",
        "ftp://example.com/file",
        "tel:+15550100",
        "",
        "   ",
        "https://example.com/\u2028",
        "/relative/path",
        "relative/page.html",
        "/path/with:colon",
        "#anchor",
        "?q=1",
        "//evil.example/x",
        "\\\\evil.example\\share",
        "mailto:ann@example.com",
        "MAILTO:ann@example.com",
        "http://example.com",
        "HTTPS://EXAMPLE.COM/a?b=c#d",
        "  https://example.com/padded  ",
        "http:\\\\example.com",
    ];
}
