using Akka.Actor;
using Akka.TestKit;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Node.Index;
using AkkaCollab.Node.Tests.Infrastructure;
using AkkaCollab.Protocol;
using AkkaCollab.Protocol.Deltas;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentEvents;
using static AkkaCollab.Node.Index.DocumentIndexStore;

namespace AkkaCollab.Node.Tests.Index;

// The documents' lists: kept from the authorities' entries by the node's index writer, in the
// service's database (see the two classes at the end).
public abstract class DocumentIndexSpecs<TJournal>(TJournal journal) : DocumentSpecBase<TJournal>(journal)
    where TJournal : JournalFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private DocumentIndexStore Store() => new(Journal.Provider, Journal.ConnectionString);

    // A unique user per test, so that tests sharing a database do not see each other's rows.
    private static string NewUser(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    private static DocumentIndexEntry Entry(DocumentId id, string owner, long revision, string? title = "Plan", long? editedAt = null, long? deletedAt = null, params AccessEntry[] others) =>
        new(id, title, owner, [new AccessEntry(owner, AccessLevel.Owner), .. others], editedAt ?? Now, owner, deletedAt, revision);

    [Fact]
    public async Task An_older_entry_never_overwrites_a_newer_one()
    {
        var store = Store();
        var (id, ann) = (NewId(), NewUser("ann"));

        Assert.True(await store.Write(Entry(id, ann, revision: 5, title: "Newer")));
        Assert.False(await store.Write(Entry(id, ann, revision: 4, title: "Older")));
        Assert.False(await store.Write(Entry(id, ann, revision: 5, title: "Same revision again")));

        var page = await store.List(ann, ListKind.Mine, null, 10, null, Now);
        Assert.Equal("Newer", Assert.Single(page.Rows).Title);
        Assert.Equal(5, await store.RevisionOf(id));
    }

    [Fact]
    public async Task Several_documents_written_in_one_round_each_keep_their_own_revision_guard()
    {
        var store = Store();
        var (kept, moved, fresh, ann) = (NewId(), NewId(), NewId(), NewUser("ann"));
        await store.Write(Entry(kept, ann, revision: 9, title: "Kept at nine"));
        await store.Write(Entry(moved, ann, revision: 2, title: "Moved from two"));

        var changed = await store.Write([
            Entry(kept, ann, revision: 8, title: "Stale eight"),
            Entry(moved, ann, revision: 3, title: "Moved to three"),
            Entry(fresh, ann, revision: 1, title: "Fresh"),
        ]);

        Assert.Equal([false, true, true], changed);
        var titles = (await store.List(ann, ListKind.Mine, null, 10, null, Now)).Rows.Select(r => r.Title).Order();
        Assert.Equal(["Fresh", "Kept at nine", "Moved to three"], titles);
    }

    [Fact]
    public async Task The_writer_keeps_the_newest_entry_whatever_order_they_arrive_in()
    {
        var (id, ann) = (NewId(), NewUser("ann"));
        var written = Kit.CreateTestProbe();
        Host.System.EventStream.Subscribe(written.Ref, typeof(DocumentIndexWriter.Written));
        var writer = Host.System.ActorOf(DocumentIndexWriter.PropsFor(Store()));

        writer.Tell(Entry(id, ann, revision: 7, title: "Seven"), ActorRefs.NoSender);
        written.FishForMessage(m => m is DocumentIndexWriter.Written w && w.DocumentId == id, Wait);
        writer.Tell(Entry(id, ann, revision: 6, title: "Six"), ActorRefs.NoSender);

        var stale = written.FishForMessage<DocumentIndexWriter.Written>(w => w.DocumentId == id, Wait);
        Assert.Equal((6L, false), (stale.Revision, stale.Changed));
        Assert.Equal("Seven", Assert.Single((await Store().List(ann, ListKind.Mine, null, 10, null, Now)).Rows).Title);
    }

    [Fact]
    public async Task Mine_shared_and_trash_are_each_users_view_of_the_same_documents()
    {
        var store = Store();
        var (ann, bob) = (NewUser("ann"), NewUser("bob"));
        var (kept, deleted, expired) = (NewId(), NewId(), NewId());
        await store.Write(Entry(kept, ann, 1, "Kept", others: new AccessEntry(bob, AccessLevel.Write)));
        await store.Write(Entry(deleted, ann, 1, "Deleted", deletedAt: Now - 1000, others: new AccessEntry(bob, AccessLevel.Write)));
        await store.Write(Entry(expired, ann, 1, "Expired", deletedAt: Now - (long)TimeSpan.FromDays(31).TotalMilliseconds));

        Assert.Equal([kept], (await store.List(ann, ListKind.Mine, null, 10, null, Now)).Rows.Select(r => r.Id));
        Assert.Empty((await store.List(ann, ListKind.Shared, null, 10, null, Now)).Rows);
        Assert.Equal([deleted], (await store.List(ann, ListKind.Trash, null, 10, null, Now)).Rows.Select(r => r.Id));
        var shared = Assert.Single((await store.List(bob, ListKind.Shared, null, 10, null, Now)).Rows);
        Assert.Equal((kept, ann, AccessLevel.Write), (shared.Id, shared.Owner, shared.Role));
        Assert.Empty((await store.List(bob, ListKind.Trash, null, 10, null, Now)).Rows);
    }

    [Theory]
    [InlineData("日本語の文書", "本語")]
    [InlineData("Été à Paris", "ÉTÉ")]
    [InlineData("Team PLAN", "team plan")]
    [InlineData("100% done_ok", "0% d")]
    public async Task Search_finds_a_part_of_the_title_in_any_case_and_any_script(string title, string search)
    {
        var store = Store();
        var ann = NewUser("ann");
        var (match, other) = (NewId(), NewId());
        await store.Write(Entry(match, ann, 1, title));
        await store.Write(Entry(other, ann, 1, "Item 0 is dull"));

        Assert.Equal([match], (await store.List(ann, ListKind.Mine, search, 10, null, Now)).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Pages_follow_the_last_edit_newest_first_without_repeating_or_skipping()
    {
        var store = Store();
        var ann = NewUser("ann");
        var ids = Enumerable.Range(0, 7).Select(_ => NewId()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            // Two share an edit time: the id orders them.
            await store.Write(Entry(ids[i], ann, 1, $"Doc {i}", editedAt: Now - Math.Min(i, 5) * 1000));
        }

        var seen = new List<DocumentId>();
        Cursor? cursor = null;
        do
        {
            var page = await store.List(ann, ListKind.Mine, null, 3, cursor, Now);
            Assert.True(page.Rows.Count <= 3);
            seen.AddRange(page.Rows.Select(r => r.Id));
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(ids.Take(5), seen.Take(5));
        Assert.Equal(ids.Skip(5).OrderByDescending(i => i.Value, StringComparer.Ordinal), seen.Skip(5));
    }

    // An authority that tells index (a probe standing in for the writer), ann its owner, bob an editor.
    private (IActorRef Entity, TestProbe Probe) StartShared(DocumentId id, TestProbe index)
    {
        var entity = Host.System.ActorOf(DocumentEntity.PropsFor(id, Limits, index: index.Ref));
        var probe = Kit.CreateTestProbe();
        entity.Tell(new ChangeAccess(id, "ann", false, "bob", AccessLevel.Write), probe.Ref);
        probe.ExpectMsg<AccessUpdated>(Wait);
        return (entity, probe);
    }

    [Fact]
    public async Task The_authority_sends_its_entry_after_a_rename_and_again_when_it_starts()
    {
        var id = NewId();
        var index = Kit.CreateTestProbe();
        var (entity, probe) = StartShared(id, index);
        var shared = index.ExpectMsg<DocumentIndexEntry>(Wait);

        entity.Tell(new Rename(id, "ann", "日本語の文書"), probe.Ref);
        probe.ExpectMsg<DocumentQueries.TitleOf>(Wait);
        var renamed = index.ExpectMsg<DocumentIndexEntry>(Wait);
        await StopAndWait(entity, id);
        Host.System.ActorOf(DocumentEntity.PropsFor(id, Limits, index: index.Ref));
        var started = index.ExpectMsg<DocumentIndexEntry>(Wait);

        Assert.Equal(("ann", 3L), (shared.Owner, shared.Revision)); // general access, ann's claim, bob
        Assert.Equal(("日本語の文書", 4L), (renamed.Title, renamed.Revision));
        Assert.NotNull(renamed.LastEditAtMs);
        Assert.Equal(renamed with { Access = [] }, started with { Access = [] });
        Assert.Equal<AccessEntry>(renamed.Access, started.Access);
    }

    [Fact]
    public void A_burst_of_edits_is_one_entry_with_the_last_of_them()
    {
        var id = NewId();
        var index = Kit.CreateTestProbe();
        var entity = Host.System.ActorOf(DocumentEntity.PropsFor(id, Limits, index: index.Ref));
        var probe = Kit.CreateTestProbe();
        for (var i = 0; i < 10; i++)
        {
            entity.Tell(Edit(id, "c1", i + 1, i, Delta.Empty.Insert("x"), user: "bob"), probe.Ref);
        }
        probe.ReceiveN(10, Wait);

        var entry = index.ExpectMsg<DocumentIndexEntry>(Wait);

        Assert.Equal((10L, "bob"), (entry.Revision, entry.LastEditBy));
        index.ExpectNoMsg(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task A_deleted_document_refuses_subscribers_and_submits_until_its_owner_restores_it_and_that_survives_a_restart()
    {
        var id = NewId();
        var index = Kit.CreateTestProbe();
        var (entity, probe) = StartShared(id, index);
        Acked(entity, Edit(id, "c1", 1, 0, Delta.Empty.Insert("kept"), user: "bob"));

        entity.Tell(new DeleteDocument(id, "bob"), probe.Ref);
        Assert.Equal(ErrorCode.Forbidden, probe.ExpectMsg<DeletionRefused>(Wait).Code);
        entity.Tell(new DeleteDocument(id, "ann"), probe.Ref);
        Assert.NotNull(probe.ExpectMsg<DeletionOf>(Wait).DeletedAtMs);
        await StopAndWait(entity, id);
        entity = Host.System.ActorOf(DocumentEntity.PropsFor(id, Limits, index: index.Ref));

        Assert.Equal(ErrorCode.Deleted, Rejected(entity, Edit(id, "c1", 2, 1, Delta.Empty.Insert("no"), user: "bob")).Code);
        entity.Tell(new Subscribe(id, probe.Ref, "bob", null), probe.Ref);
        Assert.Equal(ErrorCode.Deleted, probe.ExpectMsg<SubscribeRejected>(Wait).Code);
        entity.Tell(new DocumentQueries.GetAccess(id, "bob"), probe.Ref);
        Assert.True(probe.ExpectMsg<DocumentQueries.AccessOf>(Wait).Deleted);

        entity.Tell(new RestoreDocument(id, "ann"), probe.Ref);
        Assert.Null(probe.ExpectMsg<DeletionOf>(Wait).DeletedAtMs);
        Assert.Equal(2, Acked(entity, Edit(id, "c1", 2, 1, Delta.Empty.Insert("back "), user: "bob")).Revision);
        Assert.Equal("back kept", HeadOf(entity, id).Content.PlainText());
    }
}

public sealed class DocumentIndexSqliteSpecs(SqliteJournalFixture journal) : DocumentIndexSpecs<SqliteJournalFixture>(journal);

public sealed class DocumentIndexPostgresSpecs(PostgresJournalFixture journal) : DocumentIndexSpecs<PostgresJournalFixture>(journal);
