using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace AkkaCollab.Node.Serialization;

// System.Text.Json for every persisted and remote document message (bound to IDocumentMessage).
// A type without a manifest is a bug: it throws rather than silently using another format.
public sealed class AkkaCollabJsonSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 4242;

    private readonly JsonSerializerOptions _options;

    public AkkaCollabJsonSerializer(ExtendedActorSystem system) : base(system)
    {
        _options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new ActorRefJsonConverter(system) },
            RespectNullableAnnotations = true,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        };
        _options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
    }

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        MessageManifests.ByType.TryGetValue(o.GetType(), out var name)
            ? name
            : throw new ArgumentException($"{o.GetType()} has no manifest in MessageManifests: add one");

    public override byte[] ToBinary(object obj)
    {
        _ = Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _options);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!MessageManifests.ByName.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"unknown manifest '{manifest}'");
        }
        return JsonSerializer.Deserialize(bytes, type, _options)
            ?? throw new SerializationException($"'{manifest}': payload is null");
    }
}
