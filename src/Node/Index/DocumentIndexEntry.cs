using System.Collections.Immutable;
using AkkaCollab.Node.Documents;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Index;

// One document as the documents' lists show it, whole: what the authority tells its node's
// DocumentIndexWriter after a change the lists show, and again when it starts. Revision: the
// journal sequence number of the authority's newest event, so an older entry (a write that was
// overtaken, or one from an incarnation before a hand-off) never replaces a newer one. Local to
// the node: never serialized.
public sealed record DocumentIndexEntry(
    DocumentId DocumentId,
    string? Title,
    string? Owner,
    ImmutableArray<AccessEntry> Access,
    long? LastEditAtMs,
    string? LastEditBy,
    long? DeletedAtMs,
    long Revision);
