namespace AkkaCollab.Web.Gateway.Connections;

/// The submits of one (doc, client, seq) that are not settled: a client may resend while the
/// first is in flight, and each submit gets exactly one answer (an ack or an error).
///
/// An ack goes out in revision order: the feed's copy of the op becomes the ack in place
/// (AckedAhead counts acks sent before their reply came), and a reply only sends an ack itself
/// when the op was already delivered to this client (a resend of an applied op).
///
/// The gateway repeats an unanswered submit itself (a hand-off drops messages); the repeats'
/// answers are interchangeable with the first's, and those beyond Outstanding find nothing
/// pending and are ignored.
public sealed class PendingSubmit
{
    /// Submits sent to the authority and not answered yet.
    public int Outstanding { get; set; }

    /// Replies that said "durable" before the feed delivered the op: their acks wait for it.
    /// Each entry is the reply's Duplicate flag.
    public Queue<bool> AwaitingFeed { get; } = new();

    /// Acks sent in place of the feed's copy whose reply has not come yet.
    public int AckedAhead { get; set; }

    /// The submit as sent to the region, repeated when no answer comes within the retry interval.
    public Node.Documents.Messages.DocumentCommands.Submit? Command { get; set; }

    /// How long the submits have waited so far, and the wait the running timer covers.
    public TimeSpan Waited { get; set; }
    public TimeSpan Armed { get; set; }

    public bool Settled => Outstanding == 0 && AwaitingFeed.Count == 0;
}
