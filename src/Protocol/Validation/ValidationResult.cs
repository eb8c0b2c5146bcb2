namespace AkkaCollab.Protocol.Validation;

/// <summary>The outcome of validating client input: valid, or an <see cref="ErrorCode"/> with a message naming what and where.</summary>
public readonly record struct ValidationResult
{
    private ValidationResult(ErrorCode? code, string? message)
    {
        Code = code;
        Message = message;
    }

    /// <summary>The valid outcome.</summary>
    public static ValidationResult Ok => default;

    /// <summary>A rejection with a closed error code and a message naming the problem.</summary>
    public static ValidationResult Fail(ErrorCode code, string message) => new(code, message);

    /// <summary>Whether the input passed.</summary>
    public bool IsValid => Code is null;

    /// <summary>Why the input was rejected; null when valid.</summary>
    public ErrorCode? Code { get; }

    /// <summary>What is wrong and where (e.g. "ops[2].attributes.link: unsafe link scheme"); null when valid.</summary>
    public string? Message { get; }

    /// <inheritdoc/>
    public override string ToString() => IsValid ? "valid" : $"{Code}: {Message}";
}
