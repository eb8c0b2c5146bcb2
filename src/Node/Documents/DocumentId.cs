using System.Text.Json;
using System.Text.Json.Serialization;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Node.Documents;

// A document's identity: 1-128 characters of [A-Za-z0-9._-] (Protocol's Identifiers rule). The
// id is also the sharding key and part of the persistence id, so it is validated once, here, at
// the boundary.
[JsonConverter(typeof(DocumentIdJsonConverter))]
public sealed record DocumentId
{
    public const int MaxLength = Identifiers.MaxDocumentIdLength;

    public string Value { get; }

    private DocumentId(string value) => Value = value;

    public static DocumentId Parse(string? value) =>
        TryParse(value, out var id, out var error) ? id! : throw new ArgumentException(error, nameof(value));

    public static bool TryParse(string? value, out DocumentId? id, out string? error)
    {
        id = null;
        error = Check(value);
        if (error is not null)
        {
            return false;
        }
        id = new DocumentId(value!);
        return true;
    }

    public override string ToString() => Value;

    private static string? Check(string? value) => Identifiers.Problem(value, "document id", MaxLength);
}
