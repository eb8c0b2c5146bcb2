using AkkaCollab.Web.Telemetry;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Hosting;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway.Feeds;

namespace AkkaCollab.Web.Gateway;

/// Graceful drain, whatever makes the node leave. The drain refuses new sockets, closes every
/// socket with 1012 (clients reconnect to another node and resume from their revision), waits
/// for them and stops the feeds, all while Kestrel and the actor system are still up.
/// - SIGTERM (or the host stopping): StoppingAsync runs before any hosted service stops;
///   Akka.Hosting then runs CoordinatedShutdown, which hands the shards off and leaves.
/// - Downed by the split-brain resolver, or Cluster.Leave: the cluster runs CoordinatedShutdown
///   itself; the drain is a task of its first phase (before-service-unbind), so it runs before
///   the shards stop and the actor system terminates.
/// Either way it runs once, logs why the node leaves, and a clean drain makes the process exit 0
/// (Akka.Hosting sets exit code -1 after a downing or a leave).
public sealed class GatewayDrain(ActorSystem system, ActorRegistry registry, WebSettings settings, GatewayTelemetry metrics, ILogger<GatewayDrain> log)
    : IHostedLifecycleService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<PosixSignalRegistration> _signals = [];
    private volatile bool _draining;
    private volatile string? _signal;
    private Task<bool>? _drain;

    public bool IsDraining => _draining;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Only to name the reason: the host's own handler still stops the application.
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, _ => _signal ??= signal.ToString()));
        }
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "drain-sockets", async () =>
        {
            await Drain(Reason(shutdown.ShutdownReason));
            return Akka.Done.Instance;
        });
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) =>
        Drain(_signal is { } signal ? $"{signal} received" : "the host is stopping");

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_drain is { IsCompletedSuccessfully: true, Result: true })
        {
            Environment.ExitCode = 0;
        }
        return Task.CompletedTask;
    }

    /// The first caller starts the drain; later callers (the other path) wait for the same one.
    private Task<bool> Drain(string reason)
    {
        lock (_gate)
        {
            return _drain ??= Run(reason);
        }
    }

    private async Task<bool> Run(string reason)
    {
        _draining = true;
        log.LogInformation("Leaving the cluster: {Reason}", reason);
        log.LogInformation("Draining: closing {Count} sockets with 1012", metrics.OpenConnections);
        system.EventStream.Publish(DrainRequested.Instance);
        var deadline = DateTime.UtcNow + settings.DrainTimeout;
        while (metrics.OpenConnections > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, CancellationToken.None);
        }
        var open = metrics.OpenConnections;
        log.LogInformation("Drained; {Count} sockets still open", open);
        var clean = open == 0;
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
                clean = false;
            }
        }
        return clean;
    }

    private static string Reason(CoordinatedShutdown.Reason? reason) => reason switch
    {
        CoordinatedShutdown.ClusterDowningReason => "downed (by the split-brain resolver or an operator)",
        CoordinatedShutdown.ClusterLeavingReason => "left the cluster (Cluster.Leave)",
        CoordinatedShutdown.ClusterJoinUnsuccessfulReason => "could not join the cluster",
        CoordinatedShutdown.ClrExitReason => "the host is stopping",
        null => "coordinated shutdown",
        _ => reason.GetType().Name,
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }
    }
}
