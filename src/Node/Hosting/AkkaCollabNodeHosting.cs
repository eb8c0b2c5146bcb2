using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Documents.Messages;
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
        return services.AddAkka(options.ActorSystemName, (builder, provider) =>
        {
            builder.WithAkkaCollabNode(options);
            configure?.Invoke(builder, provider);
        });
    }

    public static AkkaConfigurationBuilder WithAkkaCollabNode(this AkkaConfigurationBuilder builder, AkkaCollabNodeOptions options)
    {
        options.ThrowIfInvalid();
        var downAll = options.SbrDownAllWhenUnstable ? "on" : "off";
        // stable-after and down-all-when-unstable have no typed option (see STACK.md).
        builder.AddHocon(
            ConfigurationFactory.ParseString($$"""
                akka.cluster.split-brain-resolver {
                  stable-after = {{(long)options.SbrStableAfter.TotalMilliseconds}}ms
                  down-all-when-unstable = {{downAll}}
                }
                """),
            HoconAddMode.Prepend);
        return builder
            .WithRemoting(new RemoteOptions
            {
                HostName = options.Hostname,
                Port = options.Port,
                PublicHostName = options.PublicHostname ?? options.Hostname,
            })
            .WithClustering(new ClusterOptions
            {
                Roles = [.. options.Roles],
                SeedNodes = [.. options.SeedNodes],
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithDocumentJournal(options.Journal, options.ConnectionString)
            .WithDocumentSerializer()
            .WithDocumentShards(options)
            .WithActors((system, _) =>
            {
                // No seed nodes: a single node that forms its own cluster (local development, tests).
                if (options.SeedNodes.Count == 0)
                {
                    var cluster = Cluster.Get(system);
                    cluster.Join(cluster.SelfAddress);
                }
            });
    }

    public static AkkaConfigurationBuilder WithDocumentJournal(this AkkaConfigurationBuilder builder, JournalProvider provider, string connectionString) =>
        builder.WithSqlPersistence(
            connectionString,
            provider == JournalProvider.PostgreSql ? ProviderName.PostgreSQL15 : ProviderName.SQLiteMS,
            journalBuilder: journal => journal.WithHealthCheck(),
            snapshotBuilder: snapshot => snapshot.WithHealthCheck(),
            autoInitialize: true);

    // Binds every document message to System.Text.Json and turns the Newtonsoft fallback off.
    public static AkkaConfigurationBuilder WithDocumentSerializer(this AkkaConfigurationBuilder builder) =>
        builder
            .WithCustomSerializer("akkacollab-json", [typeof(IDocumentMessage)], system => new AkkaCollabJsonSerializer(system))
            .WithStrictSerialization();
}
