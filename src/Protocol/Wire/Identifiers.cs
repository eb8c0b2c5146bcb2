namespace AkkaCollab.Protocol.Wire;

/// <summary>
/// The one rule for document, client and user identifiers: 1 to N characters of letters,
/// digits, '.', '_' and '-'. Identifiers end up in persistence ids, log lines and URLs, so
/// nothing that needs escaping is let in. The wire reader, the document authority
/// (<c>DocumentId</c>, submits) and the REST and sign-in endpoints all check with this class.
/// </summary>
public static class Identifiers
{
    /// <summary>The longest document id accepted.</summary>
    public const int MaxDocumentIdLength = 128;

    /// <summary>The longest client id (and user name) accepted.</summary>
    public const int MaxClientIdLength = 64;

    /// <summary>Whether <paramref name="id"/> is 1 to <paramref name="maxLength"/> allowed characters.</summary>
    public static bool IsValid(string? id, int maxLength = MaxDocumentIdLength) => Problem(id, "id", maxLength) is null;

    /// <summary>
    /// Why <paramref name="id"/> is not 1 to <paramref name="maxLength"/> allowed characters, as a
    /// message starting with <paramref name="what"/>; null when it is valid.
    /// </summary>
    public static string? Problem(string? id, string what, int maxLength)
    {
        if (string.IsNullOrEmpty(id))
        {
            return $"{what}: must be 1-{maxLength} characters of [A-Za-z0-9._-], got an empty id";
        }
        if (id.Length > maxLength)
        {
            return $"{what}: must be at most {maxLength} characters, got {id.Length}";
        }
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"{what}: character {i} ('{c}') is not one of [A-Za-z0-9._-]";
            }
        }
        return null;
    }
}
