namespace AkkaCollab.Protocol.Wire;

/// <summary>
/// The one rule for document and client identifiers on the wire: 1 to N characters of
/// letters, digits, '.', '_' and '-'. Identifiers end up in persistence ids, log lines and
/// URLs, so nothing that needs escaping is let in.
/// </summary>
public static class Identifiers
{
    /// <summary>The longest document id accepted.</summary>
    public const int MaxDocumentIdLength = 128;

    /// <summary>The longest client id accepted.</summary>
    public const int MaxClientIdLength = 64;

    /// <summary>Whether <paramref name="id"/> is 1 to <paramref name="maxLength"/> allowed characters.</summary>
    public static bool IsValid(string? id, int maxLength = MaxDocumentIdLength)
    {
        if (string.IsNullOrEmpty(id) || id.Length > maxLength) return false;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) return false;
        }
        return true;
    }
}
