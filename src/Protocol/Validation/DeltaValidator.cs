using System.Text.Json;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Validation;

/// <summary>
/// What the server checks before accepting a delta from a client: size limits, that a change
/// applies to a document of the given length, that a document has inserts only, and that every
/// format and embed is allowed and safe. Returns a <see cref="ValidationResult"/>; bad client
/// input never throws.
/// </summary>
public sealed class DeltaValidator(DeltaValidationOptions? options = null)
{
    /// <summary>A validator with the default options.</summary>
    public static DeltaValidator Default { get; } = new();

    /// <summary>The options in force.</summary>
    public DeltaValidationOptions Options { get; } = options ?? DeltaValidationOptions.Default;

    /// <summary>Checks a change against a document of <paramref name="documentLength"/>: sizes, fit, formats and links.</summary>
    public ValidationResult ValidateChange(Delta change, int documentLength)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = ValidateOps(change);
        return result.IsValid ? ValidateFit(change, documentLength) : result;
    }

    /// <summary>
    /// Checks only that a change applies to a document of <paramref name="documentLength"/> and
    /// keeps it within the length limit (for a change whose ops were checked before it was transformed).
    /// </summary>
    public ValidationResult ValidateFit(Delta change, int documentLength)
    {
        ArgumentNullException.ThrowIfNull(change);
        var baseLength = change.BaseLength();
        if (baseLength > documentLength)
        {
            return ValidationResult.Fail(ErrorCode.BadOp,
                $"delta: retains and deletes {baseLength} characters but the document has {documentLength}");
        }
        var newLength = (long)documentLength + change.ChangeLength();
        if (newLength > Options.MaxDocumentLength)
        {
            return ValidationResult.Fail(ErrorCode.TooLarge,
                $"delta: the document would have {newLength} characters, the limit is {Options.MaxDocumentLength}");
        }
        return ValidationResult.Ok;
    }

    /// <summary>Checks a whole document: inserts only, its length, formats and links.</summary>
    public ValidationResult ValidateDocument(Delta document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var ops = document.Ops;
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i] is not InsertOp)
            {
                return ValidationResult.Fail(ErrorCode.BadOp, $"ops[{i}]: a document has inserts only, got {Describe(ops[i])}");
            }
        }
        if (document.Length() > Options.MaxDocumentLength)
        {
            return ValidationResult.Fail(ErrorCode.TooLarge,
                $"document: {document.Length()} characters, the limit is {Options.MaxDocumentLength}");
        }
        return ValidateFormats(document);
    }

    /// <summary>Checks what needs no document: op count, inserted length, formats and links.</summary>
    public ValidationResult ValidateOps(Delta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Count > Options.MaxOps)
        {
            return ValidationResult.Fail(ErrorCode.TooLarge, $"delta: {delta.Count} ops, the limit is {Options.MaxOps}");
        }
        long inserted = 0;
        foreach (var op in delta.Ops)
        {
            if (op is InsertOp insert)
            {
                inserted += insert.Length;
            }
        }
        if (inserted > Options.MaxInsertLength)
        {
            return ValidationResult.Fail(ErrorCode.TooLarge,
                $"delta: inserts {inserted} characters, the limit is {Options.MaxInsertLength}");
        }
        return ValidateFormats(delta);
    }

    /// <summary>Checks one attribute map (at <paramref name="path"/>, for messages) against the allow-list and value rules.</summary>
    public ValidationResult ValidateAttributes(AttributeMap? attributes, string path = "attributes")
    {
        if (attributes is null)
        {
            return ValidationResult.Ok;
        }
        foreach (var (key, value) in attributes)
        {
            var at = $"{path}.{key}";
            if (!Options.AllowedFormats.Contains(key))
            {
                return ValidationResult.Fail(ErrorCode.BadAttribute, $"{at}: format '{key}' is not allowed");
            }
            // JSON null removes a format: always allowed for an allowed format.
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            var result = FormatRules.Check(key, value, at, Options);
            if (!result.IsValid)
            {
                return result;
            }
        }
        return ValidationResult.Ok;
    }

    /// <summary>Checks an embed's type against the allow-list and its value (URLs must be safe).</summary>
    public ValidationResult ValidateEmbed(Embed embed, string path = "insert")
    {
        ArgumentNullException.ThrowIfNull(embed);
        var count = 0;
        foreach (var unused in embed.Json.EnumerateObject())
        {
            count++;
        }
        if (count != 1)
        {
            return ValidationResult.Fail(ErrorCode.BadAttribute, $"{path}: an embed has exactly one key, got {count}");
        }
        if (!Options.AllowedEmbeds.Contains(embed.Type))
        {
            return ValidationResult.Fail(ErrorCode.BadAttribute, $"{path}.{embed.Type}: embed '{embed.Type}' is not allowed");
        }
        return FormatRules.CheckEmbed(embed.Type, embed.Data, $"{path}.{embed.Type}", Options);
    }

    private ValidationResult ValidateFormats(Delta delta)
    {
        var ops = delta.Ops;
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            if (op is InsertOp { Embed: { } embed })
            {
                var embedResult = ValidateEmbed(embed, $"ops[{i}].insert");
                if (!embedResult.IsValid)
                {
                    return embedResult;
                }
            }
            var result = ValidateAttributes(op.Attributes, $"ops[{i}].attributes");
            if (!result.IsValid)
            {
                return result;
            }
        }
        return ValidationResult.Ok;
    }

    private static string Describe(Op op) => op switch
    {
        RetainOp r => $"retain {r.Count}",
        DeleteOp d => $"delete {d.Count}",
        _ => "insert",
    };
}
