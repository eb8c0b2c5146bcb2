using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Validation;
using AkkaCollab.Protocol.Wire;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway;
using AkkaCollab.Web.Gateway.Connections;
using AkkaCollab.Web.Gateway.Feeds;
using AkkaCollab.Web.Security;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Web.Gateway.Connections.ConnectionEffect;

namespace AkkaCollab.Web.Tests.Gateway.Connections;

/// Drives one ConnectionState the way its actor would, with a hand-moved clock, and keeps the
/// effects of the last input. No socket, actor or timer is involved.
internal sealed class ConnectionHarness
{
    public const string Session = "session-1";

    public ConnectionHarness(WebSettings? settings = null, SecuritySettings? security = null)
    {
        Settings = settings ?? new WebSettings();
        State = new ConnectionState(Session, Settings, new DeltaValidator(new DeltaValidationOptions { MaxInsertLength = 16 }),
            new SocketRateLimits(security ?? new SecuritySettings()), Ms);
    }

    public WebSettings Settings { get; }

    public ConnectionState State { get; }

    public long Ms { get; set; } = 10_000;

    public DateTimeOffset Utc { get; set; } = new(2026, 12, 2, 5, 0, 0, TimeSpan.Zero);

    public Moment Now => new(Ms, Utc);

    public IReadOnlyList<ConnectionEffect> Last { get; private set; } = [];

    /// A harness whose socket said hello and was welcomed as user.
    public static ConnectionHarness Opened(string user = "alice", WebSettings? settings = null, SecuritySettings? security = null)
    {
        var harness = new ConnectionHarness(settings, security);
        harness.Frame(new ClientMessages.Hello(ProtocolVersion.Max, user));
        harness.Do(s => s.HelloChecked(new AuthResult(user, null, [], null), harness.Now));
        Assert.Equal(ConnectionPhase.Open, harness.State.Phase);
        return harness;
    }

    /// A harness subscribed to doc with level, its feed attached and caught up at rev.
    public static ConnectionHarness Subscribed(string doc = "d", AccessLevel level = AccessLevel.Write, long rev = 0, long? from = null)
    {
        var harness = Opened();
        harness.Subscribe(doc, level, rev, from);
        return harness;
    }

    public void Subscribe(string doc, AccessLevel level = AccessLevel.Write, long rev = 0, long? from = null)
    {
        Frame(new ClientMessages.Subscribe(doc, from));
        Assert.Contains(new CheckAccess(doc, State.User, Recheck: false), Last);
        Access(doc, level);
        Assert.Contains(new Attach(doc, from), Last);
        Do(s => s.Feed(new FeedMessages.Subscribed(doc, rev, Frame("subscribed", rev))));
    }

    public IReadOnlyList<ConnectionEffect> Frame(ClientMessage message) => Do(s => s.Receive(new Inbound.Message(message), Now));

    public IReadOnlyList<ConnectionEffect> Receive(Inbound inbound) => Do(s => s.Receive(inbound, Now));

    public IReadOnlyList<ConnectionEffect> Access(string doc, AccessLevel level, bool open = false, bool recheck = false) =>
        Do(s => s.AccessAnswered(doc, new DocumentQueries.AccessOf(DocumentId.Parse(doc), State.User, level, open), recheck));

    public IReadOnlyList<ConnectionEffect> Submit(string doc = "d", string client = "c", long seq = 1, long rev = 0, string text = "x") =>
        Frame(new ClientMessages.Submit(doc, client, seq, rev, Delta.Empty.Insert(text)));

    public IReadOnlyList<ConnectionEffect> Reply(long rev, bool duplicate = false, string doc = "d", string client = "c", long seq = 1) =>
        Do(s => s.SubmitAnswered(new SubmitAcked(DocumentId.Parse(doc), client, seq, rev, duplicate)));

    public IReadOnlyList<ConnectionEffect> Rejected(ErrorCode code, string doc = "d", string client = "c", long seq = 1) =>
        Do(s => s.SubmitAnswered(new SubmitRejected(DocumentId.Parse(doc), client, seq, code, "refused", 0)));

    /// The feed's broadcast of an op at rev made by (client, seq).
    public IReadOnlyList<ConnectionEffect> FeedOp(long rev, string client = "c", long seq = 1, string doc = "d") =>
        Do(s => s.Feed(new FeedMessages.Op(doc, rev, client, seq, Frame("op", rev))));

    public IReadOnlyList<ConnectionEffect> Timer(ConnectionTimer timer) => Do(s => s.TimerFired(timer, Now));

    public IReadOnlyList<ConnectionEffect> Do(Func<ConnectionState, IReadOnlyList<ConnectionEffect>> input) => Last = input(State);

    /// A recognisable stand-in for a frame the feed encoded.
    public static byte[] Frame(string kind, long rev) => System.Text.Encoding.UTF8.GetBytes($"{kind}@{rev}");
}

internal static class EffectLists
{
    public static List<ServerMessage> Sent(this IEnumerable<ConnectionEffect> effects) =>
        [.. effects.OfType<ConnectionEffect.Send>().Select(s => s.Message)];

    public static List<ServerMessages.Ack> Acks(this IEnumerable<ConnectionEffect> effects) =>
        [.. effects.Sent().OfType<ServerMessages.Ack>()];

    public static List<ServerMessages.Error> Errors(this IEnumerable<ConnectionEffect> effects) =>
        [.. effects.Sent().OfType<ServerMessages.Error>()];

    public static List<string> Frames(this IEnumerable<ConnectionEffect> effects) =>
        [.. effects.OfType<SendFrame>().Select(f => System.Text.Encoding.UTF8.GetString(f.Frame))];

    public static List<Submit> Submits(this IEnumerable<ConnectionEffect> effects) =>
        [.. effects.OfType<ToRegion>().Select(r => r.Message).OfType<Submit>()];

    public static CloseStarted? CloseStarted(this IEnumerable<ConnectionEffect> effects) =>
        effects.OfType<ConnectionEffect.CloseStarted>().SingleOrDefault();
}
