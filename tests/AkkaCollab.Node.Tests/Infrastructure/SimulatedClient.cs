using Akka.Actor;
using Akka.TestKit;
using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;

namespace AkkaCollab.Node.Tests.Infrastructure;

// A browser client in miniature: one op in flight, later edits buffered, remote ops transformed
// over both (the Synchronized / AwaitingConfirm / AwaitingWithBuffer machine).
//
//        remote a            server: b' = a.Transform(b, true)
//     o ─────────► o          client: a' = b.Transform(a, false), applied after b
//   b │            │ b'
//     o ─────────► o
//          a'
public sealed class SimulatedClient(string id, DocumentId document, IActorRef entity, TestProbe probe, Random rng)
{
    private Delta? _inflight;
    private Delta? _buffer;
    private long _seq;

    public string Id { get; } = id;

    public long Revision { get; private set; }

    public Delta Document { get; private set; } = Delta.Empty;

    public List<SubmitAcked> Acks { get; } = [];

    public bool Idle => _inflight is null && _buffer is null;

    public bool HasMessages => probe.HasMessages;

    public void Subscribe()
    {
        entity.Tell(new Subscribe(document, probe.Ref, "alice", null), probe.Ref);
        var subscribed = probe.ExpectMsg<Subscribed>(TimeSpan.FromSeconds(10));
        Document = subscribed.Content!;
        Revision = subscribed.HeadRevision;
    }

    public void Edit()
    {
        var change = RandomEdits.Next(rng, Document);
        Document = Document.Compose(change);
        if (_inflight is null)
        {
            Send(change);
        }
        else
        {
            _buffer = _buffer is null ? change : _buffer.Compose(change);
        }
    }

    // Handles one message if one is waiting; false when the mailbox was empty.
    public bool Step()
    {
        if (!probe.HasMessages)
        {
            return false;
        }
        switch (probe.ReceiveOne(TimeSpan.Zero))
        {
            case SubmitAcked ack:
                Acks.Add(ack);
                // Every op before ack.Revision was fanned out to us before this ack: we are at it.
                Revision = ack.Revision;
                _inflight = null;
                if (_buffer is { } buffered)
                {
                    _buffer = null;
                    Send(buffered);
                }
                break;
            case OpApplied own when own.ClientId == Id:
                break;
            case OpApplied remote:
                var a = remote.Delta;
                if (_inflight is { } inflight)
                {
                    (_inflight, a) = (a.Transform(inflight, true), inflight.Transform(a, false));
                }
                if (_buffer is { } buffer)
                {
                    (_buffer, a) = (a.Transform(buffer, true), buffer.Transform(a, false));
                }
                Document = Document.Compose(a);
                Revision = remote.Revision;
                break;
            case SubmitRejected rejected:
                throw new InvalidOperationException($"client {Id}: unexpected rejection {rejected.Code}: {rejected.Reason}");
        }
        return true;
    }

    private void Send(Delta change)
    {
        _inflight = change;
        entity.Tell(new Submit(document, Id, ++_seq, Revision, change, "alice"), probe.Ref);
    }
}
