using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace AkkaCollab.Node.Serialization;

// Actor refs travel as their full serialized path and resolve against the receiving system.
internal sealed class ActorRefJsonConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
{
    public override bool CanConvert(Type typeToConvert) => typeof(IActorRef).IsAssignableFrom(typeToConvert);

    public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var path = reader.GetString();
        return string.IsNullOrEmpty(path) ? ActorRefs.Nobody : system.Provider.ResolveActorRef(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
}
