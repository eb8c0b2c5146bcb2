using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Wire;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Web.Gateway.Feeds;

/// The feed's messages to connections with their wire frames, encoded once per feed.
internal static class FeedFrames
{
    public static FeedMessages.Op Op(string doc, OpApplied op, long received = 0) =>
        new(doc, op.Revision, op.ClientId, op.Seq,
            WireWriter.Encode(new ServerMessages.Op(doc, op.Revision, op.ClientId, op.Seq, op.UserId, op.Delta)), received);

    public static FeedMessages.Snapshot Snapshot(string doc, long rev, Delta content) =>
        new(doc, rev, WireWriter.Encode(new ServerMessages.Snapshot(doc, rev, content)));

    public static FeedMessages.Subscribed Subscribed(string doc, long rev) =>
        new(doc, rev, WireWriter.Encode(new ServerMessages.Subscribed(doc, rev)));

    public static FeedMessages.Presence Presence(string doc, PresenceChanged p) =>
        new(doc, p.ClientId, WireWriter.Encode(new ServerMessages.Presence(doc, p.ClientId, p.UserId, p.Revision,
            p.HasCursor ? new CursorRange(p.Index, p.Length) : null, p.Idle)));

    public static FeedMessages.Title Title(string doc, string title) =>
        new(doc, WireWriter.Encode(new ServerMessages.Title(doc, title)));

    public static FeedMessages.Presence PresenceGone(string doc, string client, string user, long rev) =>
        new(doc, client, WireWriter.Encode(new ServerMessages.Presence(doc, client, user, rev, null, Gone: true)));
}
