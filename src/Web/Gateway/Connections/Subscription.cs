using AkkaCollab.Node.Documents.Messages;

namespace AkkaCollab.Web.Gateway.Connections;

/// One document a socket subscribed to, as the connection sees it.
public sealed class Subscription(long? from)
{
    /// Where the client asked to resume (null: from a snapshot); sent to the feed once access is confirmed.
    public long? From { get; } = from;

    /// The last revision this client has been sent (op, ack or snapshot); -1 before the replay.
    public long Delivered { get; set; } = -1;

    /// This client's submits the authority has not settled yet, by (client, seq).
    public Dictionary<(string Client, long Seq), PendingSubmit> Pending { get; } = [];

    /// Read access was confirmed and the feed attached; until then nothing is delivered.
    public bool Attached { get; set; }

    /// What the user may do, as last confirmed by the authority (Open: the user has no entry of
    /// their own, so the document's general access decides).
    public AccessLevel Level { get; set; }

    public bool Open { get; set; }

    public bool CanWrite => Level >= AccessLevel.Write;
}
