using AkkaCollab.Web.Telemetry;
using Akka.Actor;
using AkkaCollab.Protocol.Validation;
using AkkaCollab.Web.Configuration;
using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Gateway;

/// Everything a connection needs from the node, resolved once. Validator checks an op's shape
/// at the boundary, so a bad op never costs a trip to the authority.
public sealed record GatewayContext(
    IActorRef Region, IActorRef Feeds, IActorRef Connections, WebSettings Settings, DeltaValidator Validator,
    IIdentityProvider Identity, GatewayTelemetry Metrics, SocketRateLimits Limits);
