namespace AkkaCollab.Web.Gateway.Feeds;

/// What FeedState asks its shell to do. TConnection identifies a connection (an IActorRef in
/// DocumentFeed, anything comparable in tests).
public abstract record FeedEffect<TConnection>
{
    /// Tell To one of the FeedMessages records.
    public sealed record Send(TConnection To, object Message) : FeedEffect<TConnection>;

    /// Subscribe to the authority: the ops after From (null: the content at head), then live ops.
    public sealed record Subscribe(long? From) : FeedEffect<TConnection>;

    /// Ask the authority for the revisions From..To that live delivery skipped; answer with
    /// FeedState.GapFilled or FeedState.GapFailed.
    public sealed record FetchGap(long From, long To) : FeedEffect<TConnection>;

    /// Ask the authority for From..To, older than the window, for one attaching connection;
    /// answer with FeedState.HistoryLoaded or FeedState.HistoryFailed.
    public sealed record FetchHistory(TConnection For, long From, long To) : FeedEffect<TConnection>;

    /// The authority could not give the ops after From (its history is gone): every attached
    /// connection was sent a snapshot at Head it had not asked for. Log it and count it.
    public sealed record HistoryUnavailable(long From, long Head, int Connections) : FeedEffect<TConnection>;
}
