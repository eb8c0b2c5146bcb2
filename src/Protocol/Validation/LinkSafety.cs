namespace AkkaCollab.Protocol.Validation;

/// <summary>
/// Decides whether a URL may be stored as a link or embed source. Only an allow-listed scheme
/// (by default http, https, mailto) or a scheme-less relative URL passes; javascript:, data:,
/// vbscript: and every other scheme fail. The check sees the URL the way a browser's URL
/// parser does: leading and trailing spaces and C0 controls are ignored, tabs and newlines
/// inside are removed, and scheme letters are case-insensitive, so
/// "  JaVa\tScRipt:alert(1)" is still javascript:.
/// </summary>
public static class LinkSafety
{
    /// <summary>The schemes allowed for links by default.</summary>
    public static IReadOnlySet<string> DefaultLinkSchemes { get; } =
        new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The schemes allowed for image and video embeds by default.</summary>
    public static IReadOnlySet<string> DefaultEmbedSchemes { get; } =
        new HashSet<string>(["http", "https"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the URL is a relative URL or uses one of <paramref name="allowedSchemes"/> (default: http, https, mailto).</summary>
    public static bool IsSafe(string? url, IReadOnlySet<string>? allowedSchemes = null)
    {
        if (url is null)
        {
            return false;
        }
        var cleaned = Clean(url);
        if (cleaned is null || cleaned.Length == 0)
        {
            return false;
        }
        var scheme = SchemeOf(cleaned);
        return scheme is null || (allowedSchemes ?? DefaultLinkSchemes).Contains(scheme);
    }

    // The URL as the browser's parser reads it, or null when it holds a control character
    // that a parser would not simply strip (there is no legitimate use for one).
    private static string? Clean(string url)
    {
        var start = 0;
        var end = url.Length;
        while (start < end && url[start] <= ' ')
        {
            start++;
        }
        while (end > start && url[end - 1] <= ' ')
        {
            end--;
        }
        var chars = new System.Text.StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            var c = url[i];
            if (c is '\t' or '\n' or '\r')
            {
                continue;
            }
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\ufeff')
            {
                return null;
            }
            chars.Append(c);
        }
        return chars.ToString();
    }

    // The lower-cased scheme, or null for a relative URL. Anything with a colon before the
    // first '/', '?' or '#' is treated as having a scheme, so an odd scheme such as a
    // full-width "ｊavascript:" is rejected rather than guessed at.
    private static string? SchemeOf(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':')
            {
                return url[..i].ToLowerInvariant();
            }
            if (c is '/' or '?' or '#' or '\\')
            {
                return null;
            }
        }
        return null;
    }
}
