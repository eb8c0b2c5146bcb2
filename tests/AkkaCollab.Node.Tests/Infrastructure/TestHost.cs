using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit.Configs;
using AkkaCollab.Node.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AkkaCollab.Node.Tests.Infrastructure;

// An actor system built the way the node builds it (journal, serializer), minus the cluster:
// entities are created directly, one child per document.
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(IHost host)
    {
        Host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    public IHost Host { get; }

    public ActorSystem System { get; }

    // extra: HOCON that takes precedence (e.g. the journal's parallelism).
    public static async Task<TestHost> Start(JournalProvider provider, string connectionString, string? extra = null)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("test-" + Guid.NewGuid().ToString("N")[..8], (builder, _) =>
            {
                builder
                    .AddHocon(TestConfigs.DefaultConfig, HoconAddMode.Append)
                    .WithDocumentJournal(provider, connectionString)
                    .WithDocumentSerializer();
                if (extra is not null)
                {
                    builder.AddHocon(extra, HoconAddMode.Prepend);
                }
            }))
            .Build();
        await host.StartAsync();
        return new TestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
