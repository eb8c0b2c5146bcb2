using Akka.Actor;
using AkkaCollab.Web.Gateway.Connections;
using AkkaCollab.Web.Security;

namespace AkkaCollab.Web.Gateway;

/// The WebSocket endpoint: /ws. Each accepted socket becomes one ConnectionActor, and the
/// request stays open until that actor has closed the socket.
public static class GatewayEndpoint
{
    public const string Path = "/ws";

    public static WebApplication MapCollab(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Map(Path, (RequestDelegate)(async http =>
        {
            var gateway = http.RequestServices.GetRequiredService<GatewayHandles>();
            var drain = http.RequestServices.GetRequiredService<GatewayDrain>();
            if (!http.WebSockets.IsWebSocketRequest)
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "not a WebSocket request",
                    detail: $"{Path} speaks protocol v1 over WebSocket only").ExecuteAsync(http);
                return;
            }
            if (!OriginCheck.IsAllowed(http.Request, http.RequestServices.GetRequiredService<SecuritySettings>()))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "forbidden",
                    detail: "Origin: this origin may not open sockets here (AkkaCollab:Security:AllowedOrigins)",
                    extensions: new Dictionary<string, object?> { ["code"] = "forbidden" }).ExecuteAsync(http);
                return;
            }
            if (drain.IsDraining)
            {
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "draining",
                    detail: "this node is shutting down; connect to another node").ExecuteAsync(http);
                return;
            }
            var context = await gateway.Context();
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await context.Connections.Ask<IActorRef>(new ConnectionSupervisor.Open(socket, finished, context), TimeSpan.FromSeconds(10));
            await finished.Task;
        }));
        return app;
    }
}
