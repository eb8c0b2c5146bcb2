using AkkaCollab.Cluster.Tests.Infrastructure;
using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Tests.Infrastructure;
using static AkkaCollab.Node.Documents.Messages.DocumentAdmin;

namespace AkkaCollab.Cluster.Tests.Ops;

/// The per-document commands against three node processes, with clients editing on several of
/// them; each answer checked against the journal and snapshot tables in PostgreSQL, what the
/// clients were acked, and the cluster's own shard statistics.
[Collection(OpsCollection.Name)]
public sealed class DocCommandTests(OpsCluster cluster)
{
    private static string NewDoc(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    // n acked ops, one at a time, from alice on node 1; and bob subscribed on each of bobOn.
    private async Task<(OtClient Alice, List<OtClient> Bobs)> Edit(string doc, int n, params int[] bobOn)
    {
        var alice = await cluster.Client(1, doc, "alice-1");
        var bobs = new List<OtClient>();
        foreach (var node in bobOn)
        {
            bobs.Add(await cluster.Client(node, doc, $"bob-{node}", user: "bob"));
        }
        for (var i = 0; i < n; i++)
        {
            await alice.Edit(Delta.Empty.Insert("x"));
            await alice.ProcessUntil(() => alice.Synchronized, TimeSpan.FromSeconds(15));
        }
        foreach (var bob in bobs)
        {
            await bob.ProcessUntil(() => bob.Rev == n, TimeSpan.FromSeconds(15));
        }
        return (alice, bobs);
    }

    [Fact]
    public async Task Doc_info_shows_the_journals_revision_and_sequence_the_feeds_per_node_and_the_op_rate()
    {
        cluster.Restore();
        var doc = NewDoc("info");
        var (alice, bobs) = await Edit(doc, 7, bobOn: 2);
        var journal = await Journal.Ops(cluster.PostgresUrl, doc);
        Assert.Equal(7, journal.Count);

        var info = (await cluster.Ctl(3, "--json", "doc", "info", doc)).Json;
        Assert.Equal(journal[^1].Revision, info.GetProperty("revision").GetInt64());
        Assert.Equal(journal[^1].SequenceNr, info.GetProperty("journalSequenceNr").GetInt64());
        Assert.Equal(7, info.GetProperty("opsLastMinute").GetInt32());
        Assert.Equal(0, info.GetProperty("snapshotRevision").GetInt64());
        Assert.Equal(0, info.GetProperty("presenceCount").GetInt32());
        var located = (await cluster.Ctl(2, "--json", "doc", "locate", doc)).Json;
        Assert.Equal(located.GetProperty("node").GetString(), info.GetProperty("node").GetString());
        // One feed per node with sockets on the document: alice's on node 1, bob's on node 2.
        var feeds = info.GetProperty("subscribers").EnumerateArray().ToDictionary(s => s.GetProperty("node").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [cluster.Address(1)] = 1, [cluster.Address(2)] = 1 }, feeds);

        var table = await cluster.Ctl(1, "doc", "info", doc);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("revision:          7\n", table.Out);
        Assert.Contains("ops last minute:   7\n", table.Out);
        await alice.DisposeAsync();
        await bobs[0].DisposeAsync();
    }

    [Fact]
    public async Task Doc_locate_names_the_node_and_shard_that_the_clusters_shard_statistics_list()
    {
        cluster.Restore();
        var doc = NewDoc("locate");
        var (alice, _) = await Edit(doc, 1);
        var located = (await cluster.Ctl(2, "--json", "doc", "locate", doc)).Json;
        var shard = DocumentEntityHosting.MessageExtractor(100).ShardId(doc, new GetInfo(DocumentId.Parse(doc)));
        Assert.Equal(shard, located.GetProperty("shard").GetString());
        Assert.True(located.GetProperty("running").GetBoolean());
        var stats = (await cluster.Ctl(3, "--json", "cluster", "sharding", "shard-stats")).Json;
        var host = Assert.Single(stats.EnumerateArray(), s => s.GetProperty("shard").GetString() == shard);
        Assert.Equal(host.GetProperty("node").GetString(), located.GetProperty("node").GetString());
        var table = (await cluster.Ctl(1, "doc", "locate", doc)).Out;
        Assert.Matches($@"shard:\s+{shard}\n", table);
        Assert.Matches($@"node:\s+{located.GetProperty("node").GetString()!.Replace(".", @"\.")}\n", table);
        await alice.DisposeAsync();
    }

    [Fact]
    public async Task Doc_snapshot_stores_a_snapshot_at_the_head_in_postgresql_and_doc_info_shows_it()
    {
        cluster.Restore();
        var doc = NewDoc("snap");
        var (alice, _) = await Edit(doc, 5);
        Assert.Empty(await Journal.Snapshots(cluster.PostgresUrl, doc));
        var run = await cluster.Ctl(2, "doc", "snapshot", doc);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("snapshot saved at revision 5\n", run.Out);
        var head = (await Journal.Ops(cluster.PostgresUrl, doc))[^1].SequenceNr;
        Assert.Equal([head], await Journal.Snapshots(cluster.PostgresUrl, doc));
        Assert.Equal(5, (await cluster.Ctl(3, "--json", "doc", "info", doc)).Json.GetProperty("snapshotRevision").GetInt64());
        await alice.DisposeAsync();
    }

    [Fact]
    public async Task Doc_history_lists_the_journals_ops_from_a_revision()
    {
        cluster.Restore();
        var doc = NewDoc("hist");
        var (alice, _) = await Edit(doc, 6);
        var journal = await Journal.Ops(cluster.PostgresUrl, doc);
        var history = (await cluster.Ctl(3, "--json", "doc", "history", doc, "--from", "3")).Json;
        Assert.Equal(journal.Where(r => r.Revision >= 3).Select(r => (r.Revision, r.ClientId, r.Seq)),
            history.EnumerateArray().Select(o => (o.GetProperty("revision").GetInt64(), o.GetProperty("client").GetString()!, o.GetProperty("seq").GetInt64())));
        Assert.All(history.EnumerateArray(), o => Assert.Equal(1, o.GetProperty("inserted").GetInt32()));
        var table = await cluster.Ctl(2, "doc", "history", doc, "--from", "6");
        Assert.Matches(@"^REV\s+USER\s+CLIENT\s+SEQ\s+INSERTED\s+DELETED\s+RETAINED\n6\s+alice\s+alice-1\s+6\s+1\s+0\s+\d+\n$", table.Out);
        await alice.DisposeAsync();
    }

    [Fact]
    public async Task Doc_kick_closes_that_users_sockets_on_every_node_with_4403_and_leaves_the_others_editing()
    {
        cluster.Restore();
        var doc = NewDoc("kick");
        var (alice, bobs) = await Edit(doc, 2, bobOn: [2, 3]);

        var kick = (await cluster.Ctl(1, "--json", "doc", "kick", doc, "bob")).Json;
        Assert.Equal(Enumerable.Range(1, ClusterScript.Nodes).Select(cluster.Address).Order(StringComparer.Ordinal),
            kick.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal));

        // bob, on nodes 2 and 3, is told why and his sockets close; alice (node 1) edits on.
        foreach (var bob in bobs)
        {
            await bob.ProcessUntil(() => bob.Errors.Count > 0 && !bob.Connected, TimeSpan.FromSeconds(15));
            var error = Assert.Single(bob.Errors);
            Assert.Equal((Protocol.ErrorCode.Forbidden, doc), (error.Code, error.Doc));
            Assert.Contains("an operator removed user bob", error.Message);
        }
        await alice.Edit(Delta.Empty.Retain(2).Insert("y"));
        await alice.ProcessUntil(() => alice.Synchronized, TimeSpan.FromSeconds(15));
        Assert.True(alice.Connected);
        Assert.Equal(3, alice.Rev);
        await alice.DisposeAsync();
        foreach (var bob in bobs)
        {
            await bob.DisposeAsync();
        }
    }

    [Fact]
    public async Task Doc_passivate_snapshots_and_stops_the_entity_which_comes_back_with_its_state_on_demand()
    {
        cluster.Restore();
        var doc = NewDoc("passivate");
        var (alice, _) = await Edit(doc, 3);
        await alice.DisposeAsync();
        var before = (await cluster.Ctl(1, "--json", "doc", "info", doc)).Json;
        Assert.Equal(0, before.GetProperty("snapshotRevision").GetInt64());
        // Located before: once the entity has stopped, no region lists it.
        var host = (await cluster.Ctl(1, "--json", "doc", "locate", doc)).Json.GetProperty("node").GetString();
        var run = await cluster.Ctl(2, "doc", "passivate", doc);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{doc} passivating on {host} at revision 3\n", run.Out);
        // A new incarnation (the next query starts it) recovers from the snapshot the passivation saved.
        await LocalCluster.Until(async () =>
        {
            var info = (await cluster.Ctl(1, "--json", "doc", "info", doc)).Json;
            return info.GetProperty("started").GetDateTimeOffset() > before.GetProperty("started").GetDateTimeOffset();
        }, "a new incarnation of the entity");
        var after = (await cluster.Ctl(3, "--json", "doc", "info", doc)).Json;
        Assert.Equal(3, after.GetProperty("revision").GetInt64());
        Assert.Equal(3, after.GetProperty("snapshotRevision").GetInt64());
        Assert.Equal(0, after.GetProperty("opsLastMinute").GetInt32());
        Assert.Equal([(await Journal.Ops(cluster.PostgresUrl, doc))[^1].SequenceNr], await Journal.Snapshots(cluster.PostgresUrl, doc));
    }

    [Fact]
    public async Task A_malformed_document_id_is_refused_with_exit_1_and_nothing_is_started()
    {
        var run = await cluster.Ctl(1, "doc", "info", "bad id!");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("document id: character 3 (' ') is not", run.Err);
        Assert.Equal("", run.Out);
    }
}
