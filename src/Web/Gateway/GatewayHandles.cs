using AkkaCollab.Web.Telemetry;
using Akka.Actor;
using Akka.Hosting;
using AkkaCollab.Node.Documents;
using AkkaCollab.Protocol.Validation;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway.Connections;
using AkkaCollab.Web.Gateway.Feeds;
using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Gateway;

/// The gateway's handles into the actor system (the region, the feeds, the connections' parent),
/// resolved once the system has started.
public sealed class GatewayHandles(ActorRegistry registry, WebSettings settings, DeltaValidator validator,
    IIdentityProvider identity, GatewayTelemetry metrics, SocketRateLimits limits)
{
    private GatewayContext? _context;

    public async ValueTask<GatewayContext> Context()
    {
        if (_context is not null)
        {
            return _context;
        }
        var region = await registry.GetAsync<DocumentRegion>();
        var feeds = await registry.GetAsync<FeedRegistry>();
        var connections = await registry.GetAsync<ConnectionSupervisor>();
        return _context = new GatewayContext(region, feeds, connections, settings, validator, identity, metrics, limits);
    }

    public async ValueTask<IActorRef> Region() => (await Context()).Region;
}
