using System.Text;
using Akka.Actor;
using Akka.Serialization;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace AkkaCollab.Node.Streaming;

// A reply to an actor on another node that is larger than one chunk (a snapshot, a page of history,
// the content at a revision) could exceed Akka.Remote's frame, which drops it with only the sender
// told (STACK.md). It goes instead as one stream ref: its first element the reply's manifest, then
// the serialized reply in chunks, each well inside the frame, pulled by the receiver with
// backpressure. Local replies and small ones are sent as they are.
public static class LargeReply
{
    public const int ChunkBytes = 64 * 1024;

    // Null when the reply can go as it is.
    public static Task<ISourceRef<byte[]>>? Offer(ActorSystem system, IActorRef recipient, object reply)
    {
        if (recipient.Path.Address.HasLocalScope || reply is Status)
        {
            return null;
        }
        var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerFor(reply);
        var bytes = serializer.ToBinary(reply);
        if (bytes.Length <= ChunkBytes)
        {
            return null;
        }
        var chunks = new List<byte[]> { Encoding.UTF8.GetBytes(serializer.Manifest(reply)) };
        for (var offset = 0; offset < bytes.Length; offset += ChunkBytes)
        {
            chunks.Add(bytes[offset..Math.Min(bytes.Length, offset + ChunkBytes)]);
        }
        return Source.From(chunks).RunWith(StreamRefs.SourceRef<byte[]>(), Materializers.For(system));
    }

    // Sends a reply, as a stream ref when it is large.
    public static void Tell(ActorSystem system, IActorRef recipient, object reply, IActorRef sender)
    {
        if (Offer(system, recipient, reply) is { } pending)
        {
            pending.PipeTo(recipient, sender, failure: ex => new Status.Failure(ex));
        }
        else
        {
            recipient.Tell(reply, sender);
        }
    }

    // Sends a reply that is still being computed (a journal read), as a stream ref when it is large.
    public static void PipeTo(ActorSystem system, Task<object> reply, IActorRef recipient, IActorRef sender) =>
        reply.ContinueWith(done =>
        {
            if (done.IsCompletedSuccessfully)
            {
                Tell(system, recipient, done.Result, sender);
            }
            else
            {
                recipient.Tell(new Status.Failure(done.Exception?.GetBaseException() ?? new TaskCanceledException()), sender);
            }
        }, TaskScheduler.Default);

    // The reply itself: a stream ref is read to its end and deserialized; anything else is returned.
    public static async Task<object> Resolve(ActorSystem system, object reply)
    {
        if (reply is not ISourceRef<byte[]> source)
        {
            return reply;
        }
        var parts = await source.Source.RunWith(Sink.Seq<byte[]>(), Materializers.For(system));
        if (parts.Count == 0)
        {
            throw new InvalidOperationException("a large reply's stream ended before its manifest");
        }
        var bytes = new byte[parts.Skip(1).Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts.Skip(1))
        {
            part.CopyTo(bytes, offset);
            offset += part.Length;
        }
        return system.Serialization.Deserialize(bytes, Serialization.AkkaCollabJsonSerializer.SerializerId, Encoding.UTF8.GetString(parts[0]));
    }

    // Ask whose reply may come as a stream ref; the timeout covers the ask, the stream ref its own.
    public static async Task<object> Ask(ActorSystem system, IActorRef to, object query, TimeSpan timeout) =>
        await Resolve(system, await to.Ask<object>(query, timeout));

    // One materializer per actor system (ActorSystem.Materializer() makes a new one per call).
    private sealed class Materializers(ExtendedActorSystem system) : IExtension
    {
        private IMaterializer Materializer { get; } = system.Materializer(namePrefix: "large-reply");

        public static IMaterializer For(ActorSystem system) => system.WithExtension<Materializers, MaterializersProvider>().Materializer;
    }

    private sealed class MaterializersProvider : ExtensionIdProvider<Materializers>
    {
        public override Materializers CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
