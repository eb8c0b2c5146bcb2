using Akka.Actor;
using Akka.Hosting;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway.Feeds;

namespace AkkaCollab.Web.Gateway;

/// Graceful drain on SIGTERM. StoppingAsync runs before any hosted service stops, so while
/// Kestrel and the actor system are still up this node refuses new sockets, closes its sockets
/// with 1012 (clients reconnect to another node and resume from their revision), and waits for
/// them; afterwards Akka.Hosting runs CoordinatedShutdown, which hands the shards off and leaves
/// the cluster.
public sealed class GatewayDrain(ActorSystem system, ActorRegistry registry, WebSettings settings, GatewayMetrics metrics, ILogger<GatewayDrain> log)
    : IHostedLifecycleService
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        log.LogInformation("Draining: closing {Count} sockets with 1012", metrics.OpenConnections);
        system.EventStream.Publish(DrainRequested.Instance);
        var deadline = DateTime.UtcNow + settings.DrainTimeout;
        while (metrics.OpenConnections > 0 && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }
        log.LogInformation("Drained; {Count} sockets still open", metrics.OpenConnections);
        // The feeds unsubscribe now, while the shards are still here: a feed that outlived them
        // would resubscribe into a region that is handing off and hold its shutdown up.
        if (registry.TryGet<FeedRegistry>(out var feeds))
        {
            try
            {
                await feeds.GracefulStop(settings.CloseTimeout);
            }
            catch (TaskCanceledException)
            {
                log.LogWarning("The document feeds did not stop within {Timeout}", settings.CloseTimeout);
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
