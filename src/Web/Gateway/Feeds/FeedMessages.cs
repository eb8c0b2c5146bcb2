using Akka.Actor;
using AkkaCollab.Protocol;

namespace AkkaCollab.Web.Gateway.Feeds;

/// What connections and local feeds say to each other. Local to one node: never serialized.
/// Frames are encoded once by the feed and the same bytes go to every connection.
public static class FeedMessages
{
    /// A connection wants a document: the ops after From (or a snapshot when null), then live ops.
    public sealed record Attach(string Doc, IActorRef Connection, long? From);

    public sealed record Detach(string Doc, IActorRef Connection);

    /// One op in revision order: the connection sends Frame, or an ack when (Client, Seq) is its own.
    /// Received: Stopwatch timestamp of the feed's receipt of a live op (0 for replays), for fan-out latency.
    public sealed record Op(string Doc, long Rev, string Client, long Seq, byte[] Frame, long Received = 0);

    /// The document at Rev: the connection's view restarts there.
    public sealed record Snapshot(string Doc, long Rev, byte[] Frame);

    /// Everything up to Rev was sent; live ops follow.
    public sealed record Subscribed(string Doc, long Rev, byte[] Frame);

    /// Another client's cursor (or its removal).
    public sealed record Presence(string Doc, string Client, byte[] Frame);

    /// The document's title (on attaching and on every rename).
    public sealed record Title(string Doc, byte[] Frame);

    /// The access list of Doc changed for User (null: its general access changed): connections
    /// re-check what their user may do.
    public sealed record AccessChanged(string Doc, string? User);

    /// The subscription cannot be served; the connection reports Code and forgets the document.
    public sealed record Rejected(string Doc, ErrorCode Code, string Reason);
}
