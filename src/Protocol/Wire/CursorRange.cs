namespace AkkaCollab.Protocol.Wire;

/// <summary>A selection in a document: a caret when <paramref name="Length"/> is 0.</summary>
/// <param name="Index">Start, in UTF-16 code units.</param>
/// <param name="Length">Selected length, in UTF-16 code units.</param>
public sealed record CursorRange(int Index, int Length);
