namespace AkkaCollab.Protocol.Deltas;

// The kind of the next op an OpIterator yields.
internal enum OpKind
{
    Insert,
    Retain,
    Delete,
}
