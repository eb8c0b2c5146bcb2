using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Node.Serialization;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Node.Tests.Serialization;

// Every persisted and remote message goes through System.Text.Json, and round-trips.
public sealed class SerializerSpecs(SqliteJournalFixture journal) : DocumentSpecBase<SqliteJournalFixture>(journal)
{
    private static readonly DocumentId Id = DocumentId.Parse("ser-doc");
    private static readonly Delta Rich = Delta.Empty.Retain(2).Insert("x", AttributeMap.From(("bold", true), ("link", "https://example.com"))).Delete(1);

    private IEnumerable<object> Samples()
    {
        var actor = Kit.TestActor;
        var op = new OpApplied(Id, 3, "c", 2, "u", Rich);
        var presence = new PresenceChanged(Id, "c", "u", 3, 1, 2);
        yield return new Submit(Id, "c", 1, 0, Rich, "u");
        yield return new Submit(Id, "c", 2, 1, Rich, "u", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        yield return new SubmitAcked(Id, "c", 1, 3, false);
        yield return new SubmitRejected(Id, "c", 1, ErrorCode.Resync, "why", 3);
        yield return new Subscribe(Id, actor, "u", 2);
        yield return new Unsubscribe(Id, actor);
        yield return new UpdatePresence(Id, "c", "u", 3, 1, 2);
        yield return new UpdatePresence(Id, "c", "u", 3, 0, 0, Idle: true, HasCursor: false);
        yield return new PresenceChanged(Id, "c", "u", 3, 0, 0, Idle: true, HasCursor: false);
        yield return new RemovePresence(Id, "c", "u");
        yield return new ChangeAccess(Id, "o", false, "u", AccessLevel.Read);
        yield return new ChangeGeneralAccess(Id, "o", true, AccessLevel.None);
        yield return new AccessUpdated(Id, [new AccessEntry("o", AccessLevel.Owner), new AccessEntry("u", AccessLevel.Read)], AccessLevel.Read);
        yield return new AccessRefused(Id, ErrorCode.Forbidden, "no");
        yield return new GetAccessList(Id);
        yield return new GeneralAccessChanged(Id, AccessLevel.Read);
        yield return op with { AtMs = 1_796_288_400_000 };
        yield return new NodeWarmedUp("127.0.0.11-4101", new DateTimeOffset(2026, 12, 3, 9, 46, 0, TimeSpan.Zero));
        yield return new TitleChanged(Id, "日本語の文書", "u");
        yield return new Rename(Id, "u", "Plan");
        yield return new RenameRefused(Id, ErrorCode.Forbidden, "no");
        yield return new TitleOf(Id, "Plan");
        yield return new TitleOf(Id, null);
        yield return new DocumentSnapshot(Id, 3, Delta.Empty.Insert("abc"), [], 0, [], AccessLevel.Write, "Plan");
        yield return new Subscribed(Id, 3, null, [op], [presence], "Plan");
        yield return new Head(Id, 3, Delta.Empty.Insert("abc"), "Plan");
        yield return new DocumentSnapshot(Id, 3, Delta.Empty.Insert("abc"), [new ClientEntry("c", 2, 3)], 1, [new AccessEntry("u", AccessLevel.Write)], AccessLevel.None);
        yield return op;
        yield return new AccessChanged(Id, "u", AccessLevel.Write);
        yield return new DocumentSnapshot(Id, 3, Delta.Empty.Insert("abc"), [new ClientEntry("c", 2, 3)], 1, [new AccessEntry("u", AccessLevel.Write)]);
        yield return new Subscribed(Id, 3, null, [op], [presence]);
        yield return new SubscribeRejected(Id, ErrorCode.Forbidden, "no");
        yield return presence;
        yield return new PresenceRemoved(Id, "c");
        yield return new GetHead(Id);
        yield return new Head(Id, 3, Delta.Empty.Insert("abc"));
        yield return new GetContentAt(Id, 2);
        yield return new ContentAt(Id, 2, Delta.Empty.Insert("ab"));
        yield return new GetOps(Id, 1, 3);
        yield return new Ops(Id, [op]);
        yield return new QueryRejected(Id, ErrorCode.BadRevision, "no");
        yield return new GetAccess(Id, "u");
        yield return new AccessOf(Id, "u", AccessLevel.Owner, false);
        yield return new AccessOf(Id, "u", AccessLevel.Owner, false, Deleted: true);
        yield return new TitleChanged(Id, "Plan", "u", AtMs: 1_796_288_400_000);
        yield return new DocumentDeleted(Id, "u", 1_796_288_400_000);
        yield return new DocumentRestored(Id, "u", 1_796_288_400_001);
        yield return new DeleteDocument(Id, "u");
        yield return new RestoreDocument(Id, "u");
        yield return new DeletionOf(Id, 1_796_288_400_000);
        yield return new DeletionOf(Id, null);
        yield return new DeletionRefused(Id, ErrorCode.Deleted, "too late");
        yield return new DocumentSnapshot(Id, 3, Delta.Empty.Insert("abc"), [], 0, [new AccessEntry("u", AccessLevel.Owner)], AccessLevel.None, "Plan",
            Creator: "u", LastEditAtMs: 1_796_288_400_000, LastEditBy: "u", DeletedAtMs: 1_796_288_400_001, DeletedBy: "u");
        yield return new DocumentAdmin.GetInfo(Id);
        yield return new DocumentAdmin.Info(Id, "akka.tcp://s@h:1", 3, 2, 4, [new DocumentAdmin.NodeCount("akka.tcp://s@h:2", 1)], 1, 3, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        yield return new DocumentAdmin.TakeSnapshot(Id);
        yield return new DocumentAdmin.SnapshotTaken(Id, 3, true, null);
        yield return new DocumentAdmin.PassivateDocument(Id);
        yield return new DocumentAdmin.Passivating(Id, "akka.tcp://s@h:1", 3);
        yield return new DocumentAdmin.KickUser(Id, "u");
        yield return new DocumentAdmin.KickDelivered(Id, "u", "akka.tcp://s@h:1");
    }

    [Fact]
    public void Every_message_type_has_a_sample_and_a_manifest()
    {
        var types = typeof(IDocumentMessage).Assembly.GetTypes()
            .Where(t => typeof(IDocumentMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Append(typeof(NodeWarmedUp)) // bound by its own type: it belongs to no document
            .ToHashSet();

        Assert.Equal(types.OrderBy(t => t.FullName), Samples().Select(s => s.GetType()).Distinct().OrderBy(t => t.FullName));
        Assert.Equal(types.OrderBy(t => t.FullName), MessageManifests.ByType.Keys.OrderBy(t => t.FullName));
    }

    [Fact]
    public void Every_message_round_trips_through_the_json_serializer_bound_to_it()
    {
        var serialization = Host.System.Serialization;
        foreach (var sample in Samples())
        {
            var serializer = serialization.FindSerializerFor(sample);
            Assert.IsType<AkkaCollabJsonSerializer>(serializer);
            var manifest = ((AkkaCollabJsonSerializer)serializer).Manifest(sample);
            var back = serialization.Deserialize(serializer.ToBinary(sample), serializer.Identifier, manifest);
            Assert.Equal(Normalize(sample), Normalize(back));
        }
    }

    [Fact]
    public void An_op_stored_before_ops_carried_their_time_reads_without_one()
    {
        var serializer = (AkkaCollabJsonSerializer)Host.System.Serialization.FindSerializerFor(new GetHead(Id));
        var stored = """{"documentId":"ser-doc","revision":3,"clientId":"c","seq":2,"userId":"u","delta":{"ops":[{"insert":"x"}]}}"""u8.ToArray();

        var op = Assert.IsType<OpApplied>(serializer.FromBinary(stored, "op-applied.v1"));

        Assert.Null(op.AtMs);
        Assert.Equal(3, op.Revision);
    }

    [Fact]
    public void A_snapshot_stored_before_general_access_existed_reads_as_never_set()
    {
        var serializer = (AkkaCollabJsonSerializer)Host.System.Serialization.FindSerializerFor(new GetHead(Id));
        var stored = """{"documentId":"ser-doc","revision":3,"content":{"ops":[{"insert":"abc"}]},"clients":[],"evictedUpTo":0,"access":[{"userId":"u","level":"Write"}]}"""u8.ToArray();

        var snapshot = Assert.IsType<DocumentSnapshot>(serializer.FromBinary(stored, "document-snapshot.v1"));

        Assert.Null(snapshot.GeneralAccess);
        Assert.Null(snapshot.Title);
        Assert.Equal(AccessLevel.Write, Assert.Single(snapshot.Access).Level);
        Assert.True(snapshot is { Creator: null, LastEditAtMs: null, LastEditBy: null, DeletedAtMs: null, DeletedBy: null });
    }

    [Fact]
    public void A_rename_and_an_access_answer_stored_before_they_carried_time_and_deletion_read_without_them()
    {
        var serializer = (AkkaCollabJsonSerializer)Host.System.Serialization.FindSerializerFor(new GetHead(Id));

        var renamed = Assert.IsType<TitleChanged>(serializer.FromBinary("""{"documentId":"ser-doc","title":"Plan","userId":"u"}"""u8.ToArray(), "title-changed.v1"));
        var access = Assert.IsType<AccessOf>(serializer.FromBinary("""{"documentId":"ser-doc","userId":"u","level":"Write","open":false}"""u8.ToArray(), "access-of"));

        Assert.Null(renamed.AtMs);
        Assert.False(access.Deleted);
    }

    [Fact]
    public void Strict_serialization_refuses_a_type_without_a_binding()
    {
        var serialization = Host.System.Serialization;

        Assert.ThrowsAny<Exception>(() => serialization.FindSerializerFor(new Unbound("x")).ToBinary(new Unbound("x")));
    }

    [Fact]
    public void Malformed_journal_payload_is_a_clear_error()
    {
        var serializer = (AkkaCollabJsonSerializer)Host.System.Serialization.FindSerializerFor(new GetHead(Id));

        var unknownKey = Assert.ThrowsAny<Exception>(() => serializer.FromBinary("{\"documentId\":\"d\",\"extra\":1}"u8.ToArray(), "get-head"));
        var badId = Assert.ThrowsAny<Exception>(() => serializer.FromBinary("{\"documentId\":\"a b\"}"u8.ToArray(), "get-head"));
        var unknownManifest = Assert.ThrowsAny<Exception>(() => serializer.FromBinary("{}"u8.ToArray(), "nope"));

        Assert.Contains("extra", unknownKey.Message);
        Assert.Contains("document id", badId.Message);
        Assert.Contains("nope", unknownManifest.Message);
    }

    // Records holding ImmutableArray compare the arrays by reference: compare their JSON instead.
    private static string Normalize(object message) => System.Text.Json.JsonSerializer.Serialize(message, message.GetType(), JsonForComparison);

    private static readonly System.Text.Json.JsonSerializerOptions JsonForComparison = new()
    {
        Converters = { new ActorPathConverter() },
    };

    private sealed class ActorPathConverter : System.Text.Json.Serialization.JsonConverter<IActorRef>
    {
        public override bool CanConvert(Type typeToConvert) => typeof(IActorRef).IsAssignableFrom(typeToConvert);

        public override IActorRef Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(System.Text.Json.Utf8JsonWriter writer, IActorRef value, System.Text.Json.JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Path.ToStringWithoutAddress());
    }

    private sealed record Unbound(string Value);
}
