using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Gateway.Feeds;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Web.Tests.Gateway.Feeds;

/// Reads FeedState's effects back as short words ("op 3", "snapshot 5", "subscribed 5").
internal static class FeedEffectReader
{
    public static OpApplied Op(DocumentId id, long rev) => new(id, rev, "c" + rev, rev, "u", Delta.Empty.Insert(rev.ToString()));

    public static List<string> Sent(IReadOnlyList<FeedEffect<string>> effects, string to) =>
    [
        .. effects.OfType<FeedEffect<string>.Send>().Where(s => s.To == to).Select(s => s.Message switch
        {
            FeedMessages.Op op => $"op {op.Rev}",
            FeedMessages.Snapshot snapshot => $"snapshot {snapshot.Rev}",
            FeedMessages.Subscribed subscribed => $"subscribed {subscribed.Rev}",
            FeedMessages.Presence presence => $"presence {presence.Client}",
            FeedMessages.Rejected rejected => $"rejected {rejected.Code}",
            FeedMessages.AccessChanged changed => $"access {changed.User}",
            FeedMessages.Title title => $"title {System.Text.Json.JsonDocument.Parse(title.Frame).RootElement.GetProperty("title").GetString()}",
            var other => other.GetType().Name,
        }),
    ];
}
