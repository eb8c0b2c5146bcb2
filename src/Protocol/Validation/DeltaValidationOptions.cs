namespace AkkaCollab.Protocol.Validation;

/// <summary>Limits and allow-lists for <see cref="DeltaValidator"/>; the defaults suit Quill 2's standard formats.</summary>
public sealed record DeltaValidationOptions
{
    /// <summary>Quill 2's standard inline and block formats.</summary>
    public static IReadOnlySet<string> StandardFormats { get; } = new HashSet<string>(
        ["bold", "italic", "underline", "strike", "code", "link", "color", "background", "font", "size", "script",
         "header", "list", "blockquote", "code-block", "indent", "align", "direction"],
        StringComparer.Ordinal);

    /// <summary>Quill 2's standard embeds.</summary>
    public static IReadOnlySet<string> StandardEmbeds { get; } =
        new HashSet<string>(["image", "video", "formula"], StringComparer.Ordinal);

    /// <summary>The default options.</summary>
    public static DeltaValidationOptions Default { get; } = new();

    /// <summary>The formats an op may carry; anything else is <see cref="ErrorCode.BadAttribute"/>.</summary>
    public IReadOnlySet<string> AllowedFormats { get; init; } = StandardFormats;

    /// <summary>The embed types an insert may carry; anything else is <see cref="ErrorCode.BadAttribute"/>.</summary>
    public IReadOnlySet<string> AllowedEmbeds { get; init; } = StandardEmbeds;

    /// <summary>Schemes allowed in the link format (relative links always pass).</summary>
    public IReadOnlySet<string> LinkSchemes { get; init; } = LinkSafety.DefaultLinkSchemes;

    /// <summary>Schemes allowed in image and video embed sources (relative URLs always pass).</summary>
    public IReadOnlySet<string> EmbedSchemes { get; init; } = LinkSafety.DefaultEmbedSchemes;

    /// <summary>The most ops one change may have.</summary>
    public int MaxOps { get; init; } = 10_000;

    /// <summary>The most characters (UTF-16 code units, embeds 1) one change may insert.</summary>
    public int MaxInsertLength { get; init; } = 100_000;

    /// <summary>The longest document a change may produce.</summary>
    public int MaxDocumentLength { get; init; } = 5_000_000;

    /// <summary>The longest string value of a format or embed (URLs, colors, formulas).</summary>
    public int MaxValueLength { get; init; } = 2_048;
}
