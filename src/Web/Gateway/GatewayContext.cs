using Akka.Actor;
using AkkaCollab.Node.Hosting;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Gateway;

/// Everything a connection needs from the node, resolved once.
public sealed record GatewayContext(
    IActorRef Region, IActorRef Feeds, IActorRef Connections, WebSettings Settings, AkkaCollabNodeOptions Node, IIdentityProvider Identity, GatewayMetrics Metrics,
    SocketRateLimits Limits);

/// Published on the event stream when the node drains: every connection closes with 1012.
public sealed record DrainRequested
{
    public static readonly DrainRequested Instance = new();
}
