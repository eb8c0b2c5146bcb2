using System.Collections.Frozen;
using AkkaCollab.Node.Documents.Messages;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Node.Serialization;

// The one table of wire and journal names. Names are stored in the journal: never rename one,
// add a new name for a new shape.
internal static class MessageManifests
{
    internal static readonly FrozenDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(Submit)] = "submit",
        [typeof(SubmitAcked)] = "submit-acked",
        [typeof(SubmitRejected)] = "submit-rejected",
        [typeof(Subscribe)] = "subscribe",
        [typeof(Unsubscribe)] = "unsubscribe",
        [typeof(UpdatePresence)] = "update-presence",
        [typeof(RemovePresence)] = "remove-presence",
        [typeof(ChangeAccess)] = "change-access",
        [typeof(ChangeGeneralAccess)] = "change-general-access",
        [typeof(AccessUpdated)] = "access-updated",
        [typeof(AccessRefused)] = "access-refused",
        [typeof(Rename)] = "rename",
        [typeof(RenameRefused)] = "rename-refused",
        [typeof(TitleOf)] = "title-of",
        [typeof(DeleteDocument)] = "delete-document",
        [typeof(RestoreDocument)] = "restore-document",
        [typeof(DeletionOf)] = "deletion-of",
        [typeof(DeletionRefused)] = "deletion-refused",
        [typeof(OpApplied)] = "op-applied.v1",
        [typeof(AccessChanged)] = "access-changed.v1",
        [typeof(GeneralAccessChanged)] = "general-access-changed.v1",
        [typeof(TitleChanged)] = "title-changed.v1",
        [typeof(DocumentDeleted)] = "document-deleted.v1",
        [typeof(DocumentRestored)] = "document-restored.v1",
        [typeof(DocumentSnapshot)] = "document-snapshot.v1",
        [typeof(NodeWarmedUp)] = "node-warmed-up.v1",
        [typeof(Subscribed)] = "subscribed",
        [typeof(SubscribeRejected)] = "subscribe-rejected",
        [typeof(PresenceChanged)] = "presence-changed",
        [typeof(PresenceRemoved)] = "presence-removed",
        [typeof(GetHead)] = "get-head",
        [typeof(Head)] = "head",
        [typeof(GetContentAt)] = "get-content-at",
        [typeof(ContentAt)] = "content-at",
        [typeof(GetOps)] = "get-ops",
        [typeof(Ops)] = "ops",
        [typeof(QueryRejected)] = "query-rejected",
        [typeof(GetAccess)] = "get-access",
        [typeof(AccessOf)] = "access-of",
        [typeof(GetAccessList)] = "get-access-list",
        [typeof(DocumentAdmin.GetInfo)] = "admin-get-info",
        [typeof(DocumentAdmin.Info)] = "admin-info",
        [typeof(DocumentAdmin.TakeSnapshot)] = "admin-take-snapshot",
        [typeof(DocumentAdmin.SnapshotTaken)] = "admin-snapshot-taken",
        [typeof(DocumentAdmin.PassivateDocument)] = "admin-passivate",
        [typeof(DocumentAdmin.Passivating)] = "admin-passivating",
        [typeof(DocumentAdmin.KickUser)] = "admin-kick-user",
        [typeof(DocumentAdmin.KickDelivered)] = "admin-kick-delivered",
    }.ToFrozenDictionary();

    internal static readonly FrozenDictionary<string, Type> ByName = ByType.ToFrozenDictionary(p => p.Value, p => p.Key);
}
