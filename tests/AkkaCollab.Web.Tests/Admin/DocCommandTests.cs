using Akka.Actor;
using Akka.Cluster.Sharding;
using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Tests.Infrastructure;
using static AkkaCollab.Node.Documents.Messages.DocumentAdmin;

namespace AkkaCollab.Web.Tests.Admin;

/// The per-document commands against two running nodes, with clients editing on both.
[Collection(TwoNodeCluster.Collection)]
public sealed class DocCommandTests(TwoNodeCluster cluster)
{
    private CollabServer A => cluster.A;
    private CollabServer B => cluster.B;

    private static string NewDoc(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    // n acked ops, one at a time, from a client on A and (if asked) a second client on B.
    private async Task<(OtClient OnA, OtClient? OnB)> Edit(string doc, int n, bool clientOnB = true)
    {
        var onA = await OtClient.Start(A, doc, "on-a");
        var onB = clientOnB ? await OtClient.Start(B, doc, "on-b", user: "bob") : null;
        for (var i = 0; i < n; i++)
        {
            await onA.Edit(Delta.Empty.Insert("x"));
            await onA.ProcessUntil(() => onA.Synchronized, TimeSpan.FromSeconds(15));
        }
        if (onB is not null)
        {
            await onB.ProcessUntil(() => onB.Rev == n, TimeSpan.FromSeconds(15));
        }
        return (onA, onB);
    }

    private async Task<string> HostOf(string doc)
    {
        foreach (var node in new[] { A, B })
        {
            var state = await ClusterSharding.Get(node.System()).ShardRegion("document")
                .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
            if (state.Shards.Any(s => s.EntityIds.Contains(doc)))
            {
                return node.Address();
            }
        }
        return "";
    }

    [Fact]
    public async Task Doc_info_shows_revision_journal_sequence_feeds_per_node_presence_and_op_rate()
    {
        var doc = NewDoc("info");
        var (onA, onB) = await Edit(doc, 7);
        var json = (await B.Ctl("--json", "doc", "info", doc)).Json;
        Assert.Equal(7, json.GetProperty("revision").GetInt64());
        Assert.Equal(7, json.GetProperty("journalSequenceNr").GetInt64());
        Assert.Equal(7, json.GetProperty("opsLastMinute").GetInt32());
        Assert.Equal(0, json.GetProperty("snapshotRevision").GetInt64());
        Assert.Equal(await HostOf(doc), json.GetProperty("node").GetString());
        // One feed per node with sockets on the document.
        var feeds = json.GetProperty("subscribers").EnumerateArray().ToDictionary(s => s.GetProperty("node").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [A.Address()] = 1, [B.Address()] = 1 }, feeds);
        Assert.Equal(0, json.GetProperty("presenceCount").GetInt32());

        var table = await A.Ctl("doc", "info", doc);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("revision:          7\n", table.Out);
        Assert.Contains("ops last minute:   7\n", table.Out);
        await onA.DisposeAsync();
        await onB!.DisposeAsync();
    }

    [Fact]
    public async Task Doc_locate_names_the_node_whose_region_runs_the_entity()
    {
        var doc = NewDoc("locate");
        var (onA, _) = await Edit(doc, 1, clientOnB: false);
        var json = (await B.Ctl("--json", "doc", "locate", doc)).Json;
        Assert.Equal(await HostOf(doc), json.GetProperty("node").GetString());
        Assert.True(json.GetProperty("running").GetBoolean());
        var expectedShard = DocumentEntityHosting.MessageExtractor(100).ShardId(doc, new GetInfo(DocumentId.Parse(doc)));
        Assert.Equal(expectedShard, json.GetProperty("shard").GetString());
        await onA.DisposeAsync();
    }

    [Fact]
    public async Task Doc_snapshot_saves_at_the_head_and_doc_info_then_shows_that_snapshot_revision()
    {
        var doc = NewDoc("snap");
        var (onA, _) = await Edit(doc, 5, clientOnB: false);
        var run = await A.Ctl("doc", "snapshot", doc);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("snapshot saved at revision 5\n", run.Out);
        Assert.Equal(5, (await A.Ctl("--json", "doc", "info", doc)).Json.GetProperty("snapshotRevision").GetInt64());
        await onA.DisposeAsync();
    }

    [Fact]
    public async Task Doc_history_lists_the_journals_ops_from_a_revision()
    {
        var doc = NewDoc("hist");
        var (onA, _) = await Edit(doc, 6, clientOnB: false);
        var history = await A.History(doc);
        var json = (await B.Ctl("--json", "doc", "history", doc, "--from", "3")).Json;
        var lines = json.EnumerateArray().Select(o => (o.GetProperty("revision").GetInt64(), o.GetProperty("client").GetString()!, o.GetProperty("seq").GetInt64())).ToList();
        Assert.Equal(history.Where(h => h.Rev >= 3).ToList(), lines);
        Assert.All(json.EnumerateArray(), o => Assert.Equal(1, o.GetProperty("inserted").GetInt32()));
        var table = await B.Ctl("doc", "history", doc, "--from", "6");
        Assert.Matches(@"REV\s+USER\s+CLIENT\s+SEQ\s+INSERTED\s+DELETED\s+RETAINED\n6\s+alice\s+on-a\s+6\s+1\s+0\s+\d+\n$", table.Out);
        await onA.DisposeAsync();
    }

    [Fact]
    public async Task Doc_kick_closes_that_users_socket_on_another_node_with_4403_and_leaves_the_others_editing()
    {
        var doc = NewDoc("kicked");
        var (onA, onB) = await Edit(doc, 2);

        await A.Ctl("doc", "kick", doc, "bob");

        // bob (on B) is told why and his socket closes; alice (on A) keeps editing.
        await onB!.ProcessUntil(() => onB.Errors.Count > 0 && !onB.Connected, TimeSpan.FromSeconds(15));
        var error = Assert.Single(onB.Errors);
        Assert.Equal((Protocol.ErrorCode.Forbidden, doc), (error.Code, error.Doc));
        Assert.Contains("an operator removed user bob", error.Message);
        await onA.Edit(Delta.Empty.Retain(2).Insert("y"));
        await onA.ProcessUntil(() => onA.Synchronized, TimeSpan.FromSeconds(15));
        Assert.True(onA.Connected);
        Assert.Equal(3, onA.Rev);
        await onA.DisposeAsync();
        await onB.DisposeAsync();
    }

    [Fact]
    public async Task Doc_kick_reaches_every_node_and_is_published_on_each_nodes_event_stream()
    {
        var doc = NewDoc("kick");
        var heard = new List<TaskCompletionSource<KickUser>>();
        var listeners = new List<IActorRef>();
        foreach (var node in new[] { A, B })
        {
            var got = new TaskCompletionSource<KickUser>(TaskCreationOptions.RunContinuationsAsynchronously);
            var listener = node.System().ActorOf(Props.Create(() => new KickListener(got)));
            node.System().EventStream.Subscribe(listener, typeof(KickUser));
            heard.Add(got);
            listeners.Add(listener);
        }
        var json = (await A.Ctl("--json", "doc", "kick", doc, "bob")).Json;
        Assert.Equal(new[] { A.Address(), B.Address() }.Order(StringComparer.Ordinal), json.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal));
        foreach (var got in heard)
        {
            var kick = await got.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(new KickUser(DocumentId.Parse(doc), "bob"), kick);
        }
        foreach (var (listener, node) in listeners.Zip(new[] { A, B }))
        {
            node.System().Stop(listener);
        }
    }

    [Fact]
    public async Task Doc_passivate_snapshots_and_stops_the_entity_which_comes_back_with_its_state_on_demand()
    {
        var doc = NewDoc("passivate");
        var (onA, _) = await Edit(doc, 3, clientOnB: false);
        await onA.DisposeAsync();
        var before = (await A.Ctl("--json", "doc", "info", doc)).Json;
        Assert.Equal(0, before.GetProperty("snapshotRevision").GetInt64());
        // Located before: once the entity has stopped, the regions no longer list it anywhere.
        var host = await HostOf(doc);
        var run = await A.Ctl("doc", "passivate", doc);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{doc} passivating on {host} at revision 3\n", run.Out);
        // A new incarnation (the lingering feed or the next query restarts it) recovers from the
        // snapshot the passivation saved at revision 3.
        await AdminNodes.Until(async () =>
        {
            var info = (await A.Ctl("--json", "doc", "info", doc)).Json;
            return info.GetProperty("started").GetDateTimeOffset() > before.GetProperty("started").GetDateTimeOffset();
        }, "a new incarnation of the entity");
        var after = (await A.Ctl("--json", "doc", "info", doc)).Json;
        Assert.Equal(3, after.GetProperty("revision").GetInt64());
        Assert.Equal(3, after.GetProperty("snapshotRevision").GetInt64());
        Assert.Equal(0, after.GetProperty("opsLastMinute").GetInt32());
    }

    [Fact]
    public async Task A_malformed_document_id_is_refused_with_exit_1()
    {
        var run = await A.Ctl("doc", "info", "bad id!");
        Assert.Equal(1, run.ExitCode);
        Assert.NotEmpty(run.Err);
    }

    private sealed class KickListener : ReceiveActor
    {
        public KickListener(TaskCompletionSource<KickUser> got) => Receive<KickUser>(k => got.TrySetResult(k));
    }
}
