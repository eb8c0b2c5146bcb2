using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit.Configs;
using Akka.TestKit.Xunit2;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Hosting;
using AkkaCollab.Protocol.Deltas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;

namespace AkkaCollab.Node.Tests.Hosting;

// The whole node chain (remoting, cluster, SBR, sharding, SQL persistence, health checks) on SQLite.
public sealed class NodeHostingSpecs
{
    [Fact]
    public void Invalid_options_fail_at_start_up_naming_every_bad_option()
    {
        var options = new AkkaCollabNodeOptions
        {
            Port = 70_000,
            ShardCount = 0,
            Roles = ["gateway"],
            Journal = JournalProvider.PostgreSql,
            ConnectionString = "Data Source=x.db",
            SeedNodes = ["akka.tcp://other@10.0.0.1:4053"],
            SbrStableAfter = TimeSpan.FromMilliseconds(10),
            JournalParallelism = 0,
            JournalBatchSize = 0,
            Document = new DocumentLimits { WindowSize = 0 },
        };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAkkaCollabNode(options));

        foreach (var name in new[] { "Port", "ShardCount", "Roles", "ConnectionString", "SeedNodes", "SbrStableAfter", "JournalParallelism", "JournalBatchSize", "Document:WindowSize" })
        {
            Assert.Contains($"AkkaCollab:Node:{name}", error.Message);
        }
    }

    [Fact]
    public void Invalid_failover_options_fail_at_start_up_naming_each_one()
    {
        var options = new AkkaCollabNodeOptions
        {
            Failover = new FailoverOptions
            {
                HeartbeatInterval = TimeSpan.FromMilliseconds(10),
                DownRemovalMargin = TimeSpan.Zero,
                HandOffTimeout = TimeSpan.Zero,
                JournalBreakerResetTimeout = TimeSpan.Zero,
            },
        };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAkkaCollabNode(options));

        foreach (var name in new[] { "HeartbeatInterval", "DownRemovalMargin", "HandOffTimeout", "JournalBreakerResetTimeout" })
        {
            Assert.Contains($"AkkaCollab:Node:Failover:{name}", error.Message);
        }
    }

    [Fact]
    public void The_failover_and_journal_values_reach_the_akka_settings_the_fluent_chain_has_no_option_for()
    {
        var options = new AkkaCollabNodeOptions
        {
            SbrStableAfter = TimeSpan.FromSeconds(3),
            JournalParallelism = 1,
            JournalBatchSize = 250,
            Failover = new FailoverOptions { DownRemovalMargin = TimeSpan.FromMilliseconds(700) },
        };

        var config = AkkaCollabNodeHosting.FailoverHocon(options);

        Assert.Equal(TimeSpan.FromMilliseconds(700), config.GetTimeSpan("akka.cluster.down-removal-margin"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(options.Failover.HandOffTimeout, config.GetTimeSpan("akka.cluster.sharding.handoff-timeout"));
        Assert.Equal(options.Failover.JournalBreakerResetTimeout, config.GetTimeSpan("akka.persistence.journal.sql.circuit-breaker.reset-timeout"));
        Assert.Equal((1, 250), (config.GetInt("akka.persistence.journal.sql.parallelism"), config.GetInt("akka.persistence.journal.sql.batch-size")));
    }

    [Fact]
    public void Documents_of_one_organisation_spread_over_the_shards_by_document_id_hash()
    {
        var extractor = DocumentEntityHosting.MessageExtractor(100);

        var shards = Enumerable.Range(0, 1_000)
            .Select(i => new Submit(DocumentId.Parse($"acme-corp.doc-{i}"), "c", 1, 0, Delta.Empty, "u"))
            .Select(m => extractor.ShardId(extractor.EntityId(m)!, m))
            .GroupBy(s => s)
            .ToList();

        Assert.Equal(100, shards.Count);
        Assert.True(shards.Max(g => g.Count()) < 30, $"busiest shard holds {shards.Max(g => g.Count())} of 1000 documents");
    }

    [Fact]
    public void Options_bind_from_configuration_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AkkaCollab:Node:Port"] = "5000",
            ["AkkaCollab:Node:Roles:0"] = "doc",
            ["AkkaCollab:Node:Journal"] = "PostgreSql",
            ["AkkaCollab:Node:ConnectionString"] = "Host=db;Database=x",
            ["AkkaCollab:Node:SbrStableAfter"] = "00:00:07",
            ["AkkaCollab:Node:Document:SnapshotEvery"] = "10",
        }).Build();

        var options = configuration.GetSection(AkkaCollabNodeOptions.Section).Get<AkkaCollabNodeOptions>()!;

        Assert.Equal((5000, JournalProvider.PostgreSql, TimeSpan.FromSeconds(7), 10), (options.Port, options.Journal, options.SbrStableAfter, options.Document.SnapshotEvery));
        Assert.Contains("doc", options.Roles);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public async Task Node_routes_submits_through_the_shard_region_passivates_idle_documents_with_a_snapshot_and_reports_healthy_persistence()
    {
        var path = Path.Combine(Path.GetTempPath(), $"akkacollab-node-{Guid.NewGuid():N}.db");
        var options = new AkkaCollabNodeOptions
        {
            Port = 0,
            ConnectionString = $"Data Source={path}",
            SbrStableAfter = TimeSpan.FromSeconds(3),
            ShardCount = 10,
            PassivateIdleAfter = TimeSpan.FromSeconds(1),
        };
        using var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddHealthChecks();
                services.AddAkkaCollabNode(options, (builder, _) => builder.AddHocon(TestConfigs.DefaultConfig, HoconAddMode.Append));
            })
            .Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var kit = new TestKit(system);
            var region = await ActorRegistry.For(system).GetAsync<DocumentRegion>();
            var id = DocumentId.Parse("hosted-doc");

            region.Tell(new Submit(id, "c1", 1, 0, Delta.Empty.Insert("via sharding"), "u"), kit.TestActor);

            var ack = kit.ExpectMsg<SubmitAcked>(TimeSpan.FromSeconds(30));
            Assert.Equal(1, ack.Revision);
            var sbr = system.Settings.Config.GetConfig("akka.cluster.split-brain-resolver");
            Assert.Equal("keep-majority", sbr.GetString("active-strategy"));
            Assert.Equal(TimeSpan.FromSeconds(3), sbr.GetTimeSpan("stable-after"));
            Assert.Equal("on", sbr.GetString("down-all-when-unstable"));
            Assert.Equal(RemotingFrame.MaxFrameSize(options.Document.Validation), system.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Contains(health.Entries, e => e.Key.Contains("journal", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(health.Entries, e => e.Key.Contains("snapshot", StringComparison.OrdinalIgnoreCase));
            Assert.All(health.Entries, e => Assert.True(e.Value.Status == HealthStatus.Healthy, $"{e.Key}: {e.Value.Status} {e.Value.Description}"));

            // Idle for PassivateIdleAfter: sharding passivates the entity, which snapshots at head.
            var store = Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(null);
            await kit.AwaitAssertAsync(async () =>
            {
                var loaded = await store.Ask<Akka.Persistence.LoadSnapshotResult>(new Akka.Persistence.LoadSnapshot(
                    DocumentEntity.PersistenceIdFor(id), Akka.Persistence.SnapshotSelectionCriteria.Latest, long.MaxValue));
                Assert.Equal(1, Assert.IsType<AkkaCollab.Node.Documents.Messages.DocumentEvents.DocumentSnapshot>(loaded.Snapshot?.Snapshot).Revision);
            }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(250));
        }
        finally
        {
            await host.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
