using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Validation;

namespace AkkaCollab.Node.Documents;

// The submit checks, as (code, reason) pairs, delegated to Protocol's DeltaValidator.
internal static class DeltaRules
{
    internal readonly record struct Violation(ErrorCode Code, string Reason);

    // Sizes, formats and links: checked before any transform work is spent on the op.
    internal static Violation? CheckShape(Delta delta, DocumentLimits limits) =>
        AsViolation(limits.Validator.ValidateOps(delta));

    // The transformed op against the content it will apply to: fit and resulting length.
    // Formats and links need no second look: transform only shortens ops, it adds no attributes.
    internal static Violation? CheckFit(Delta delta, int documentLength, DocumentLimits limits) =>
        AsViolation(limits.Validator.ValidateFit(delta, documentLength));

    private static Violation? AsViolation(ValidationResult result) =>
        result.IsValid ? null : new Violation(result.Code!.Value, result.Message ?? result.Code.Value.ToString());
}
