namespace AkkaCollab.Protocol.Deltas;

/// <summary>The kind of the next op an <see cref="OpIterator"/> yields.</summary>
internal enum OpKind
{
    Insert,
    Retain,
    Delete,
}
