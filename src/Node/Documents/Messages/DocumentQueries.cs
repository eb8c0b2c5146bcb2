using System.Collections.Immutable;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents.Messages;

// Read-only questions to a document and their answers.
public static class DocumentQueries
{
    public sealed record GetHead(DocumentId DocumentId) : IDocumentMessage;

    // The content at the head revision, and the title (null: never named).
    public sealed record Head(DocumentId DocumentId, long Revision, Delta Content, string? Title = null) : IDocumentMessage;

    // The document's title (null: never named): the answer to a Rename once it is durable.
    public sealed record TitleOf(DocumentId DocumentId, string? Title) : IDocumentMessage;

    public sealed record GetContentAt(DocumentId DocumentId, long Revision) : IDocumentMessage;

    public sealed record ContentAt(DocumentId DocumentId, long Revision, Delta Content) : IDocumentMessage;

    // The ops with FromRevision <= revision <= ToRevision.
    public sealed record GetOps(DocumentId DocumentId, long FromRevision, long ToRevision) : IDocumentMessage;

    public sealed record Ops(DocumentId DocumentId, ImmutableArray<OpApplied> Items) : IDocumentMessage;

    // What UserId may do on the document. Open: UserId has no entry of their own, so the general
    // access decides, and a change of it (or of the list: a claim) may change what they may do.
    // Deleted: the document is in the trash, so nobody may open it whatever their level.
    public sealed record GetAccess(DocumentId DocumentId, string UserId) : IDocumentMessage;

    public sealed record AccessOf(DocumentId DocumentId, string UserId, AccessLevel Level, bool Open, bool Deleted = false) : IDocumentMessage;

    // Who has access: the access list and the general access (answered with AccessUpdated).
    public sealed record GetAccessList(DocumentId DocumentId) : IDocumentMessage;

    public sealed record QueryRejected(DocumentId DocumentId, ErrorCode Code, string Reason) : IDocumentMessage;
}
