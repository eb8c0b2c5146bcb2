using Akka.Actor;
using Akka.Hosting;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Hosting;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Gateway.Feeds;
using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Gateway;

/// The gateway's handles into the actor system, resolved once the system has started.
public sealed class Gateway(ActorSystem system, ActorRegistry registry, WebSettings settings, AkkaCollabNodeOptions node,
    IIdentityProvider identity, GatewayMetrics metrics, SocketRateLimits limits)
{
    private GatewayContext? _context;

    public ActorSystem System => system;

    public async ValueTask<GatewayContext> Context()
    {
        if (_context is not null)
        {
            return _context;
        }
        var region = await registry.GetAsync<DocumentRegion>();
        var feeds = await registry.GetAsync<FeedRegistry>();
        var connections = await registry.GetAsync<Connections>();
        return _context = new GatewayContext(region, feeds, connections, settings, node, identity, metrics, limits);
    }

    public async ValueTask<IActorRef> Region() => (await Context()).Region;
}
