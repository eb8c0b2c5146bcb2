using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
using AkkaCollab.Node.Index;
using AkkaCollab.Node.Storage;
using AkkaCollab.Node.Serialization;
using LinqToDB;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaCollab.Node.Hosting;

// The node as one fluent Akka.Hosting chain: remoting, cluster with roles and keep-majority SBR,
// SQL persistence with health checks, the JSON serializer, and the document shards.
public static class AkkaCollabNodeHosting
{
    public static IServiceCollection AddAkkaCollabNode(
        this IServiceCollection services,
        AkkaCollabNodeOptions options,
        Action<AkkaConfigurationBuilder, IServiceProvider>? configure = null)
    {
        options.ThrowIfInvalid();
        services.AddSingleton(options);
        // One per process: the authorities' index writer and the lists' queries share it.
        services.AddSingleton(new DocumentIndexStore(options));
        return services.AddAkka(options.ActorSystemName, (builder, provider) =>
        {
            builder.WithAkkaCollabNode(options);
            configure?.Invoke(builder, provider);
        });
    }

    public static AkkaConfigurationBuilder WithAkkaCollabNode(this AkkaConfigurationBuilder builder, AkkaCollabNodeOptions options)
    {
        options.ThrowIfInvalid();
        builder.AddHocon(FailoverHocon(options), HoconAddMode.Prepend);
        var failover = options.Failover;
        return builder
            .WithRemoting(new RemoteOptions
            {
                HostName = options.Hostname,
                Port = options.Port,
                PublicHostName = options.PublicHostname ?? options.Hostname,
                // The default 128,000 bytes is less than one maximum-size op (RemotingFrame).
                MaxFrameSize = RemotingFrame.MaxFrameSize(options.Document.Validation),
                SendBufferSize = RemotingFrame.BufferSize(options.Document.Validation),
                ReceiveBufferSize = RemotingFrame.BufferSize(options.Document.Validation),
            })
            .WithClustering(new ClusterOptions
            {
                Roles = [.. options.Roles],
                // A node with seed nodes joins them itself, once its journal is warm (below).
                SeedNodes = [],
                SplitBrainResolver = new KeepMajorityOption(),
                FailureDetector = new PhiAccrualFailureDetectorOptions
                {
                    HeartbeatInterval = failover.HeartbeatInterval,
                    AcceptableHeartbeatPause = failover.AcceptableHeartbeatPause,
                    Threshold = failover.FailureThreshold,
                },
            })
            .WithDocumentJournal(options.Journal, options.ConnectionString)
            .WithDocumentSerializer()
            .WithDocumentShards(options)
            .WithActors((system, registry) =>
            {
                var cluster = Cluster.Get(system);
                // No seed nodes: a single node that forms its own cluster (local development, tests).
                if (options.SeedNodes.Count == 0)
                {
                    cluster.Join(cluster.SelfAddress);
                }
                else
                {
                    _ = WarmUpThenJoin(system, cluster, options);
                }
                if (options.TestOnlyForcedFullGcInterval is { } interval)
                {
                    var gc = ForcedFullGc.Start(interval);
                    system.WhenTerminated.ContinueWith(_ => gc.Dispose(), TaskScheduler.Default);
                }
            });
    }

    // The coordinator may move shards to a node as soon as it is Up: warm the journal first, so
    // that the first documents moved here do not wait for cold database paths. A warm-up that
    // fails or takes too long (PostgreSQL down) is logged and the node joins anyway.
    private static async Task WarmUpThenJoin(Akka.Actor.ActorSystem system, Cluster cluster, AkkaCollabNodeOptions options)
    {
        var log = Logging.GetLogger(system, typeof(JournalWarmUp));
        try
        {
            var took = await JournalWarmUps.Run(system, $"{cluster.SelfAddress.Host}-{cluster.SelfAddress.Port}", options.Failover.JournalWarmUpTimeout);
            log.Info("journal warm-up took {0:F0} ms; joining the cluster", took.TotalMilliseconds);
        }
        catch (Exception e)
        {
            log.Warning("journal warm-up failed ({0}); joining the cluster cold", e.Message);
        }
        if (!ClusterJoin.For(system).TryClaim())
        {
            log.Info("an operator's cluster join came during the warm-up; not joining the configured seed nodes");
            return;
        }
        cluster.JoinSeedNodes(options.SeedNodes.Select(Akka.Actor.Address.Parse));
    }

    // What the fluent chain has no typed option for (STACK.md): the resolver's stable-after and
    // down-all-when-unstable, the down-removal margin, the reaper interval, the sharding timeouts,
    // the journal's write parallelism and batch size, and its circuit breakers.
    public static Config FailoverHocon(AkkaCollabNodeOptions options)
    {
        static string Ms(TimeSpan t) => $"{(long)t.TotalMilliseconds}ms";
        var f = options.Failover;
        return ConfigurationFactory.ParseString($$"""
            akka.cluster {
              down-removal-margin = {{Ms(f.DownRemovalMargin)}}
              # Cluster-level, not part of the failure-detector block the fluent option writes.
              unreachable-nodes-reaper-interval = {{Ms(f.UnreachableReaperInterval)}}
              split-brain-resolver {
                stable-after = {{Ms(options.SbrStableAfter)}}
                down-all-when-unstable = {{(options.SbrDownAllWhenUnstable ? "on" : "off")}}
              }
              sharding {
                handoff-timeout = {{Ms(f.HandOffTimeout)}}
                rebalance-interval = {{Ms(f.RebalanceInterval)}}
                coordinator-failure-backoff = {{Ms(f.CoordinatorFailureBackoff)}}
                retry-interval = {{Ms(f.RetryInterval)}}
                shard-start-timeout = {{Ms(f.ShardStartTimeout)}}
              }
            }
            akka.persistence {
              journal.sql.parallelism = {{options.JournalParallelism}}
              journal.sql.batch-size = {{options.JournalBatchSize}}
              journal.sql.circuit-breaker.reset-timeout = {{Ms(f.JournalBreakerResetTimeout)}}
              snapshot-store.sql.circuit-breaker.reset-timeout = {{Ms(f.JournalBreakerResetTimeout)}}
            }
            """);
    }

    // On PostgreSQL the journal is the plugin's with our direct write path (PostgresWriteJournal).
    public static AkkaConfigurationBuilder WithDocumentJournal(this AkkaConfigurationBuilder builder, JournalProvider provider, string connectionString)
    {
        builder.WithSqlPersistence(
            connectionString,
            provider == JournalProvider.PostgreSql ? ProviderName.PostgreSQL15 : ProviderName.SQLiteMS,
            journalBuilder: journal => journal.WithHealthCheck(),
            snapshotBuilder: snapshot => snapshot.WithHealthCheck(),
            autoInitialize: true);
        if (provider == JournalProvider.PostgreSql)
        {
            builder.AddHocon(
                $"akka.persistence.journal.sql.class = \"{typeof(PostgresWriteJournal).AssemblyQualifiedName}\"",
                HoconAddMode.Prepend);
        }
        return builder;
    }

    // Binds every document message to System.Text.Json and turns the Newtonsoft fallback off.
    public static AkkaConfigurationBuilder WithDocumentSerializer(this AkkaConfigurationBuilder builder) =>
        builder
            .WithCustomSerializer("akkacollab-json", [typeof(IDocumentMessage), typeof(NodeWarmedUp)], system => new AkkaCollabJsonSerializer(system))
            .WithStrictSerialization();
}
