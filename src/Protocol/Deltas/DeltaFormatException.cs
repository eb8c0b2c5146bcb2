namespace AkkaCollab.Protocol.Deltas;

/// <summary>
/// Malformed Delta JSON. The message names the problem and where it is, e.g.
/// "ops[3].retain: must be a non-negative integer, got -1".
/// </summary>
public sealed class DeltaFormatException : FormatException
{
    /// <summary>Creates the exception with a message naming the problem and its location.</summary>
    public DeltaFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public DeltaFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
