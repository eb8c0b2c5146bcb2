using System.Collections.Immutable;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Documents;
using AkkaCollab.Protocol.Wire;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Documents;

// The pure state of one document: Process decides, Apply moves on. No Akka, no clock, no I/O
// (time comes in as a parameter), so that recovery (replaying Apply) rebuilds exactly the state
// that acknowledged the ops.
//
// Clients: the dedupe table, bounded by Limits.MaxClients. When it overflows, the clients whose
// last op is oldest are evicted and EvictedUpTo remembers the newest revision an evicted client
// held. Consequence: an evicted client can no longer get its old ack back; a submit from a client
// the table does not know, based before EvictedUpTo, is answered resync rather than applied, so a
// late resend is never applied twice, at the price that such a client must refetch the document
// and decide itself whether its unacknowledged op made it in (it is then visible in the content).
//
// The table is keyed by (user, client) (ClientKey): a client id is chosen by the browser, so
// another user sending ops under the same id must not make the owner's ops look old or
// duplicate. Snapshots from before this keying hold bare client ids; those entries are still
// found by the bare id until the client's next op replaces them.
public sealed partial record DocumentState
{
    public required DocumentId Id { get; init; }
    public required DocumentLimits Limits { get; init; }
    public long Head { get; private init; }

    // The content at Head: a persistent rope, so applying an op is O(log n), not a copy.
    public RichTextDocument Document { get; private init; } = RichTextDocument.Empty;

    public Delta Content => Document.ToDelta();

    // The last (at most Limits.WindowSize) ops, oldest first; the newest has revision Head.
    public OpWindow Window { get; private init; } = OpWindow.Empty;
    public ImmutableDictionary<string, ClientEntry> Clients { get; private init; } = ImmutableDictionary<string, ClientEntry>.Empty;
    public long EvictedUpTo { get; private init; }
    public ImmutableDictionary<string, AccessLevel> Access { get; private init; } = ImmutableDictionary<string, AccessLevel>.Empty;
    public ImmutableDictionary<string, Presence> Presence { get; private init; } = ImmutableDictionary<string, Presence>.Empty;

    // First revision held in Window (Head + 1 when the window is empty).
    public long WindowStart => Head - Window.Count + 1;

    public static DocumentState Empty(DocumentId id, DocumentLimits limits) => new() { Id = id, Limits = limits };

    // The dedupe key of a client: length-prefixed, so no pair of (user, client) strings collides.
    public static string ClientKey(string userId, string clientId) => $"{userId.Length}:{userId}/{clientId}";

    public static DocumentState FromSnapshot(DocumentSnapshot snapshot, DocumentLimits limits) => new()
    {
        Id = snapshot.DocumentId,
        Limits = limits,
        Head = snapshot.Revision,
        Document = RichTextDocument.FromDelta(snapshot.Content),
        Clients = snapshot.Clients.ToImmutableDictionary(c => c.ClientId),
        EvictedUpTo = snapshot.EvictedUpTo,
        Access = snapshot.Access.ToImmutableDictionary(a => a.UserId, a => a.Level),
        GeneralSetting = snapshot.GeneralAccess,
        Title = snapshot.Title,
        Creator = CreatorOf(snapshot),
        LastEditAtMs = snapshot.LastEditAtMs,
        LastEditBy = snapshot.LastEditBy,
        DeletedAtMs = snapshot.DeletedAtMs,
        DeletedBy = snapshot.DeletedBy,
    };

    public DocumentSnapshot ToSnapshot() => new(
        Id, Head, Content,
        [.. Clients.Values.OrderBy(c => c.ClientId, StringComparer.Ordinal)],
        EvictedUpTo,
        Members,
        GeneralSetting,
        Title,
        Creator,
        LastEditAtMs,
        LastEditBy,
        DeletedAtMs,
        DeletedBy);

    public bool CanRead(string userId) => LevelOf(userId) >= AccessLevel.Read;

    public bool CanWrite(string userId) => LevelOf(userId) >= AccessLevel.Write;

    // Decides one submit. older: ops read from the journal for revisions before WindowStart.
    public SubmitDecision Process(Submit submit, IReadOnlyList<OpApplied>? older = null)
    {
        SubmitDecision Reject(ErrorCode code, string reason) =>
            new SubmitDecision.Rejected(new SubmitRejected(Id, submit.ClientId, submit.Seq, code, reason, Head));

        if (submit.DocumentId != Id)
        {
            return Reject(ErrorCode.BadOp, $"document: submit for {submit.DocumentId} sent to {Id}");
        }
        if (IsDeleted)
        {
            return Reject(ErrorCode.Deleted, DeletedReason);
        }
        if (!CanWrite(submit.UserId))
        {
            return Reject(ErrorCode.Forbidden, $"user {submit.UserId} may not edit {Id}");
        }
        if (Identifiers.Problem(submit.ClientId, "clientId", Identifiers.MaxClientIdLength) is { } badClient)
        {
            return Reject(ErrorCode.BadOp, badClient);
        }
        if (submit.Seq < 1)
        {
            return Reject(ErrorCode.BadOp, $"seq: must be at least 1, got {submit.Seq}");
        }
        if (submit.BaseRevision < 0 || submit.BaseRevision > Head)
        {
            return Reject(ErrorCode.BadRevision, $"baseRevision: must be between 0 and the head {Head}, got {submit.BaseRevision}");
        }
        if (Clients.TryGetValue(ClientKey(submit.UserId, submit.ClientId), out var client)
            || Clients.TryGetValue(submit.ClientId, out client))
        {
            if (submit.Seq == client.LastSeq)
            {
                return new SubmitDecision.Duplicate(new SubmitAcked(Id, submit.ClientId, submit.Seq, client.LastRevision, Duplicate: true));
            }
            if (submit.Seq < client.LastSeq)
            {
                return Reject(ErrorCode.Resync, $"seq: {submit.Seq} is older than this client's last applied seq {client.LastSeq}");
            }
        }
        else if (submit.BaseRevision < EvictedUpTo)
        {
            return Reject(ErrorCode.Resync, $"client {submit.ClientId} is unknown and its base revision {submit.BaseRevision} predates evicted clients (up to {EvictedUpTo})");
        }
        if (Head - submit.BaseRevision > Limits.JournalLookback)
        {
            return Reject(ErrorCode.Resync, $"baseRevision: {submit.BaseRevision} is more than {Limits.JournalLookback} revisions behind the head {Head}");
        }
        if (DeltaRules.CheckShape(submit.Delta, Limits) is { } shape)
        {
            return Reject(shape.Code, shape.Reason);
        }

        var delta = submit.Delta;
        if (submit.BaseRevision + 1 < WindowStart)
        {
            var needed = WindowStart - 1;
            if (older is null || !Covers(older, submit.BaseRevision + 1, needed))
            {
                return new SubmitDecision.NeedsHistory(submit.BaseRevision + 1, needed);
            }
            foreach (var op in older)
            {
                if (op.Revision > submit.BaseRevision && op.Revision < WindowStart)
                {
                    delta = FastTransform.Over(op.Delta, delta);
                }
            }
        }
        // Ops already sequenced win ties: they happened first.
        for (var i = (int)Math.Max(0, submit.BaseRevision + 1 - WindowStart); i < Window.Count; i++)
        {
            delta = FastTransform.Over(Window[i].Delta, delta);
        }

        if (DeltaRules.CheckFit(delta, Document.Length, Limits) is { } content)
        {
            return Reject(content.Code, content.Reason);
        }
        return new SubmitDecision.Applied(new OpApplied(Id, Head + 1, submit.ClientId, submit.Seq, submit.UserId, delta));
    }

    public DocumentState Apply(OpApplied applied)
    {
        if (applied.Revision != Head + 1)
        {
            throw new InvalidOperationException($"{Id}: OpApplied revision {applied.Revision} does not follow head {Head}");
        }
        var window = Window.Append(applied, Limits.WindowSize);
        var key = ClientKey(applied.UserId, applied.ClientId);
        var clients = Clients.Remove(applied.ClientId).SetItem(key, new ClientEntry(key, applied.Seq, applied.Revision));
        var evictedUpTo = EvictedUpTo;
        if (clients.Count > Limits.MaxClients)
        {
            // Evict a tenth at once so the O(n) scan is amortized over many ops.
            var evict = clients.Values
                .OrderBy(c => c.LastRevision)
                .Take(Math.Max(1, clients.Count - Limits.MaxClients + Limits.MaxClients / 10))
                .ToList();
            clients = clients.RemoveRange(evict.Select(c => c.ClientId));
            evictedUpTo = Math.Max(evictedUpTo, evict.Max(c => c.LastRevision));
        }
        return this with
        {
            // One copy per op: the last edit is set here rather than through Edited.
            LastEditAtMs = applied.AtMs ?? LastEditAtMs,
            LastEditBy = applied.UserId,
            Head = applied.Revision,
            Document = Document.Apply(applied.Delta),
            Window = window,
            Clients = clients,
            EvictedUpTo = evictedUpTo,
            Presence = MovePresence(applied.Delta),
        };
    }

    // This state with the presence of before, moved through change (the op that leads from
    // before to this state), so that presence updates made meanwhile are kept.
    public DocumentState WithPresence(DocumentState before, Delta? change) =>
        before.Presence.IsEmpty && Presence.IsEmpty
            ? this
            : this with { Presence = change is null ? before.Presence : before.MovePresence(change) };


    // The ops with from <= revision <= to, when the window holds all of them.
    public IReadOnlyList<OpApplied>? OpsBetween(long from, long to)
    {
        to = Math.Min(to, Head);
        if (from > to)
        {
            return [];
        }
        if (from < WindowStart)
        {
            return null;
        }
        return Window.GetRange((int)(from - WindowStart), (int)(to - from + 1));
    }

    // Records a client's cursor, moved from the revision it was made at to the head. Null when
    // that revision is unknown (future, or older than the window): the update is dropped. A
    // client without a cursor has no position to move, whatever its revision.
    public (DocumentState State, PresenceChanged? Changed) UpdatePresence(UpdatePresence update, long nowMs)
    {
        if (!CanRead(update.UserId) || string.IsNullOrEmpty(update.ClientId))
        {
            return (this, null);
        }
        if (!update.HasCursor)
        {
            return Renewed(new Presence(update.ClientId, update.UserId, 0, 0, nowMs + (long)Limits.PresenceTtl.TotalMilliseconds, update.Idle, HasCursor: false));
        }
        if (update.Revision > Head || update.Revision + 1 < WindowStart || update.Index < 0 || update.Length < 0)
        {
            return (this, null);
        }
        int start = update.Index, end = update.Index + update.Length;
        for (var i = (int)(update.Revision + 1 - WindowStart); i < Window.Count; i++)
        {
            start = Window[i].Delta.TransformPosition(start);
            end = Window[i].Delta.TransformPosition(end);
        }
        var length = Document.Length;
        start = Math.Min(start, length);
        end = Math.Clamp(end, start, length);
        return Renewed(new Presence(update.ClientId, update.UserId, start, end - start, nowMs + (long)Limits.PresenceTtl.TotalMilliseconds,
            update.Idle, update.HasCursor));
    }

    // Stores presence; Changed is null when only its expiry moved (a heartbeat repeating what the
    // others were told), so that a repeat costs the subscribers nothing.
    private (DocumentState State, PresenceChanged? Changed) Renewed(Presence presence)
    {
        var same = Presence.TryGetValue(presence.ClientId, out var was) && was with { ExpiresAtMs = presence.ExpiresAtMs } == presence;
        return (this with { Presence = Presence.SetItem(presence.ClientId, presence) }, same ? null : Changed(presence));
    }

    // Removes a client's cursor at once; null when it has none or it belongs to another user.
    public (DocumentState State, PresenceRemoved? Removed) RemovePresence(RemovePresence remove) =>
        Presence.TryGetValue(remove.ClientId, out var presence) && presence.UserId == remove.UserId
            ? (this with { Presence = Presence.Remove(remove.ClientId) }, new PresenceRemoved(Id, remove.ClientId))
            : (this, null);

    public (DocumentState State, IReadOnlyList<PresenceRemoved> Removed) ExpirePresence(long nowMs)
    {
        var expired = Presence.Values.Where(p => p.ExpiresAtMs <= nowMs).Select(p => p.ClientId).ToList();
        if (expired.Count == 0)
        {
            return (this, []);
        }
        return (this with { Presence = Presence.RemoveRange(expired) }, expired.Select(c => new PresenceRemoved(Id, c)).ToList());
    }

    public IEnumerable<PresenceChanged> PresenceAtHead() => Presence.Values.Select(Changed);

    private PresenceChanged Changed(Presence p) => new(Id, p.ClientId, p.UserId, Head, p.Index, p.Length, p.Idle, p.HasCursor);

    private ImmutableDictionary<string, Presence> MovePresence(Delta delta)
    {
        if (Presence.IsEmpty)
        {
            return Presence;
        }
        var builder = Presence.ToBuilder();
        foreach (var p in Presence.Values.Where(p => p.HasCursor))
        {
            var start = delta.TransformPosition(p.Index);
            var end = delta.TransformPosition(p.Index + p.Length);
            builder[p.ClientId] = p with { Index = start, Length = Math.Max(0, end - start) };
        }
        return builder.ToImmutable();
    }

    private static bool Covers(IReadOnlyList<OpApplied> ops, long from, long to)
    {
        var next = from;
        foreach (var op in ops)
        {
            if (op.Revision == next)
            {
                next++;
            }
        }
        return next > to;
    }
}
