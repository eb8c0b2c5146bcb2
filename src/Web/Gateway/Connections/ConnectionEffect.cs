using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Protocol.Wire;

namespace AkkaCollab.Web.Gateway.Connections;

/// What ConnectionState asks its shell to do. The state decides; the shell only carries out,
/// in list order, so the frames of one step reach the socket in the order they were decided.
public abstract record ConnectionEffect
{
    /// Encode and queue one message on the outbound stream.
    public sealed record Send(ServerMessage Message) : ConnectionEffect;

    /// Queue a frame the feed encoded once for all its connections.
    public sealed record SendFrame(byte[] Frame) : ConnectionEffect;

    /// Tell the shard region, with the connection as the sender (submits, presence): replies come back as messages.
    public sealed record ToRegion(IDocumentMessage Message) : ConnectionEffect;

    /// Ask the authority what User may do with Doc; the answer (or none in time) comes back as AccessAnswered.
    public sealed record CheckAccess(string Doc, string User, bool Recheck) : ConnectionEffect;

    /// Attach this connection to the local feed of Doc (ops after From, or a snapshot).
    public sealed record Attach(string Doc, long? From) : ConnectionEffect;

    public sealed record Detach(string Doc) : ConnectionEffect;

    /// Check a token. Hello: it is the hello's, and the reader waits for the answer.
    public sealed record Authenticate(string? Token, bool Hello) : ConnectionEffect;

    /// Start (or restart) a single timer; when it fires the shell hands Timer back to the state.
    public sealed record StartTimer(ConnectionTimer Timer, TimeSpan Delay) : ConnectionEffect;

    public sealed record CancelTimer(ConnectionTimer Timer) : ConnectionEffect;

    /// The connection started closing with Code (counted by the shell's metrics).
    public sealed record CloseStarted(int Code) : ConnectionEffect;

    /// Complete the outbound stream: the queued frames (the error that explains the close) go first.
    public sealed record FlushOutbound : ConnectionEffect;

    /// Send the close frame now; the shell answers with SocketClosed.
    public sealed record CloseSocket(int Code, string Reason) : ConnectionEffect;

    /// Stop the actor (its PostStop detaches the feeds).
    public sealed record Stop : ConnectionEffect;
}

/// The timers a connection runs. Each is its own key and its own message, so a submit's timer
/// is restarted by a resend of the same (doc, client, seq) and cancelled by its reply.
public abstract record ConnectionTimer
{
    public sealed record Heartbeat : ConnectionTimer;

    public sealed record TokenExpiry : ConnectionTimer;

    public sealed record CloseDeadline : ConnectionTimer;

    public sealed record SubmitTimeout(SubmitKey Key) : ConnectionTimer;
}

/// One submit as the client names it: a resend carries the same key.
public readonly record struct SubmitKey(string Doc, string Client, long Seq);

/// The time an input happened: monotonic milliseconds for limits and idleness, the wall clock
/// for token expiry and pings. The state never reads a clock itself.
public readonly record struct Moment(long Ms, DateTimeOffset Utc);
