using System.Text.Json;

namespace AkkaCollab.Protocol.Validation;

// The value each standard Quill 2 format and embed may take. Values are checked strictly
// because the document is rendered elsewhere (HTML export, other browsers): a color is a
// color, not a CSS fragment. A format allowed by configuration but unknown here may take any
// short scalar.
internal static class FormatRules
{
    private static readonly HashSet<string> Toggles =
        new(["bold", "italic", "underline", "strike", "code", "blockquote"], StringComparer.Ordinal);

    internal static ValidationResult Check(string key, JsonElement value, string path, DeltaValidationOptions options)
    {
        if (Toggles.Contains(key))
        {
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? ValidationResult.Ok
                : Bad(path, "must be true or false", value);
        }
        return key switch
        {
            "link" => CheckLink(value, path, options),
            "color" or "background" => CheckString(value, path, options, IsCssColor, "must be a CSS color"),
            "font" or "size" => CheckString(value, path, options, IsCssWord, "must be a font or size name"),
            "script" => CheckOneOf(value, path, ["sub", "super"]),
            "list" => CheckOneOf(value, path, ["ordered", "bullet", "checked", "unchecked"]),
            "align" => CheckOneOf(value, path, ["center", "right", "justify"]),
            "direction" => CheckOneOf(value, path, ["rtl"]),
            "header" => CheckInteger(value, path, 1, 6),
            "indent" => CheckInteger(value, path, 1, 8),
            // Quill 2 stores the language of a code block ("plain", "javascript"), Quill 1 true.
            "code-block" => value.ValueKind == JsonValueKind.True
                ? ValidationResult.Ok
                : CheckString(value, path, options, IsCssWord, "must be true or a language name"),
            _ => value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number
                || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length <= options.MaxValueLength)
                ? ValidationResult.Ok
                : Bad(path, "must be a short string, a number or a boolean", value),
        };
    }

    internal static ValidationResult CheckEmbed(string type, JsonElement value, string path, DeltaValidationOptions options)
    {
        switch (type)
        {
            case "image" or "video":
                if (value.ValueKind != JsonValueKind.String)
                {
                    return Bad(path, "must be a URL string", value);
                }
                var url = value.GetString()!;
                if (url.Length > options.MaxValueLength)
                {
                    return ValidationResult.Fail(ErrorCode.TooLarge, $"{path}: {url.Length} characters, the limit is {options.MaxValueLength}");
                }
                return LinkSafety.IsSafe(url, options.EmbedSchemes)
                    ? ValidationResult.Ok
                    : ValidationResult.Fail(ErrorCode.UnsafeLink, $"{path}: unsafe URL scheme in {Quote(url)}");
            case "formula":
                return CheckString(value, path, options, static _ => true, "must be a string");
            default:
                return value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                    && value.GetRawText().Length <= options.MaxValueLength
                    ? ValidationResult.Ok
                    : Bad(path, "must be a short scalar", value);
        }
    }

    private static ValidationResult CheckLink(JsonElement value, string path, DeltaValidationOptions options)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return Bad(path, "must be a URL string", value);
        }
        var url = value.GetString()!;
        if (url.Length > options.MaxValueLength)
        {
            return ValidationResult.Fail(ErrorCode.TooLarge, $"{path}: {url.Length} characters, the limit is {options.MaxValueLength}");
        }
        return LinkSafety.IsSafe(url, options.LinkSchemes)
            ? ValidationResult.Ok
            : ValidationResult.Fail(ErrorCode.UnsafeLink, $"{path}: unsafe link scheme in {Quote(url)}");
    }

    private static ValidationResult CheckString(JsonElement value, string path, DeltaValidationOptions options, Func<string, bool> isValid, string expected)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return Bad(path, expected, value);
        }
        var s = value.GetString()!;
        if (s.Length > options.MaxValueLength)
        {
            return ValidationResult.Fail(ErrorCode.TooLarge, $"{path}: {s.Length} characters, the limit is {options.MaxValueLength}");
        }
        return isValid(s) ? ValidationResult.Ok : Bad(path, expected, value);
    }

    private static ValidationResult CheckOneOf(JsonElement value, string path, string[] allowed)
    {
        if (value.ValueKind == JsonValueKind.String && Array.IndexOf(allowed, value.GetString()) >= 0)
        {
            return ValidationResult.Ok;
        }
        return Bad(path, $"must be one of {string.Join(", ", allowed)}", value);
    }

    private static ValidationResult CheckInteger(JsonElement value, string path, int min, int max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max
            ? ValidationResult.Ok
            : Bad(path, $"must be an integer from {min} to {max}", value);

    // #rgb/#rrggbb(aa), a color name, or rgb()/rgba()/hsl()/hsla() with plain numbers.
    private static bool IsCssColor(string s)
    {
        if (s.Length == 0 || s.Length > 64)
        {
            return false;
        }
        if (s[0] == '#')
        {
            return s.Length is 4 or 5 or 7 or 9 && s.AsSpan(1).ContainsAnyExcept("0123456789abcdefABCDEF") == false;
        }
        var open = s.IndexOf('(');
        if (open < 0)
        {
            return IsLetters(s);
        }
        var function = s[..open].ToLowerInvariant();
        if (function is not ("rgb" or "rgba" or "hsl" or "hsla") || s[^1] != ')')
        {
            return false;
        }
        foreach (var c in s.AsSpan(open + 1, s.Length - open - 2))
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or ',' or ' ' or '%' or '/'))
            {
                return false;
            }
        }
        return true;
    }

    // A font, size or language name: letters, digits, '-', '_', '.', spaces (e.g. "sans-serif", "14px", "large").
    private static bool IsCssWord(string s)
    {
        if (s.Length == 0 || s.Length > 64)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' or '+' or '#'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsLetters(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }
        return true;
    }

    private static ValidationResult Bad(string path, string expected, JsonElement value) =>
        ValidationResult.Fail(ErrorCode.BadAttribute, $"{path}: {expected}, got {Describe(value)}");

    private static string Describe(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }

    private static string Quote(string s) => s.Length <= 60 ? $"\"{s}\"" : $"\"{s[..60]}…\"";
}
