using System.Collections.Immutable;
using Akka.Actor;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents.Messages;

// The conversation that changes a document or attaches to it, with its replies.
public static class DocumentCommands
{
    // An op the client made on top of BaseRevision. (ClientId, Seq) makes a resend idempotent.
    // TraceParent: the gateway's span (W3C traceparent), the parent of the authority's.
    public sealed record Submit(DocumentId DocumentId, string ClientId, long Seq, long BaseRevision, Delta Delta, string UserId, string? TraceParent = null) : IDocumentMessage;

    // The op is durable at Revision. Duplicate: this (client, seq) had been applied before.
    public sealed record SubmitAcked(DocumentId DocumentId, string ClientId, long Seq, long Revision, bool Duplicate) : IDocumentMessage;

    // Nothing changed. HeadRevision lets a client that must resync know where the head is.
    public sealed record SubmitRejected(DocumentId DocumentId, string ClientId, long Seq, ErrorCode Code, string Reason, long HeadRevision) : IDocumentMessage;

    // The UserId of a gateway's per-node feed: it is served without a read check, because the
    // gateway authorizes each of its connections itself (GetAccess) and acts on AccessChanged.
    public const string GatewayFeedUser = "gateway";

    // Replays the ops after FromRevision, then every new op. Without FromRevision: the content at head.
    // When the window does not reach back to FromRevision, the ops are read from the journal if
    // OpsFromJournal (a live feed: never an unasked snapshot), else the content at head is sent;
    // the content also answers when the journal cannot give them (history deleted).
    public sealed record Subscribe(DocumentId DocumentId, IActorRef Subscriber, string UserId, long? FromRevision, bool OpsFromJournal = false) : IDocumentMessage;

    public sealed record Unsubscribe(DocumentId DocumentId, IActorRef Subscriber) : IDocumentMessage;

    // A client's cursor or selection, as seen at Revision; the entity moves it through later ops.
    // HasCursor false: the client is here without one (Index and Length are 0). Also a heartbeat:
    // a client that repeats it stays present past the TTL.
    public sealed record UpdatePresence(DocumentId DocumentId, string ClientId, string UserId, long Revision, int Index, int Length, bool Idle = false, bool HasCursor = true) : IDocumentMessage;

    // The client is gone (its socket closed or it unsubscribed): the others see it disappear now,
    // not when its TTL runs out. Only the presence's own user removes it.
    public sealed record RemovePresence(DocumentId DocumentId, string ClientId, string UserId) : IDocumentMessage;

    // Actor asks to give UserId the Level (None: remove their entry). The authority decides in
    // one step whether Actor may (DocumentState.Process): owners share, the last owner stays, a
    // document nobody owns is claimed by its first sharer. ActorIsAdmin: an operator (admin role).
    public sealed record ChangeAccess(DocumentId DocumentId, string Actor, bool ActorIsAdmin, string UserId, AccessLevel Level) : IDocumentMessage;

    // Actor asks to set what anyone signed in with the link may do: None (restricted), Read or Write.
    public sealed record ChangeGeneralAccess(DocumentId DocumentId, string Actor, bool ActorIsAdmin, AccessLevel Level) : IDocumentMessage;

    // The change is durable: the access list and the general access after it.
    public sealed record AccessUpdated(DocumentId DocumentId, ImmutableArray<AccessEntry> Members, AccessLevel General) : IDocumentMessage;

    // Actor asks to name the document Title (DocumentState.Process: anyone who may edit).
    // Answered with TitleOf once the rename is durable, or RenameRefused.
    public sealed record Rename(DocumentId DocumentId, string Actor, string Title) : IDocumentMessage;

    // The rename was refused and nothing changed (forbidden, bad_message).
    public sealed record RenameRefused(DocumentId DocumentId, ErrorCode Code, string Reason) : IDocumentMessage;

    // Nothing changed, and why (forbidden, bad_message).
    public sealed record AccessRefused(DocumentId DocumentId, ErrorCode Code, string Reason) : IDocumentMessage;

    // Actor asks to move the document to the trash, or to take it out (DocumentState.Process:
    // owners only; a restore within DocumentState.RestoreWindow of the deletion). Answered with
    // DeletionOf once durable, or DeletionRefused.
    public sealed record DeleteDocument(DocumentId DocumentId, string Actor) : IDocumentMessage;

    public sealed record RestoreDocument(DocumentId DocumentId, string Actor) : IDocumentMessage;

    // Whether the document is in the trash now (DeletedAtMs null: it is not).
    public sealed record DeletionOf(DocumentId DocumentId, long? DeletedAtMs) : IDocumentMessage;

    // Nothing changed, and why (forbidden, deleted: too late to restore).
    public sealed record DeletionRefused(DocumentId DocumentId, ErrorCode Code, string Reason) : IDocumentMessage;
}
