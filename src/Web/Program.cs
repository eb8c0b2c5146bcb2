using AkkaCollab.Web.Admin;
using AkkaCollab.Web.Admin.Ctl;
using AkkaCollab.Web.Api;
using AkkaCollab.Web.ClientApp;
using AkkaCollab.Web.Gateway;
using AkkaCollab.Web.Hosting;
using AkkaCollab.Web.Security;
using AkkaCollab.Web.Telemetry;

// `AkkaCollab.Web ctl …` is the operators' client: it never builds the web host.
if (args is ["ctl", ..])
{
    return await CtlCommand.RunProcess(args[1..]);
}

var app = Program.Build(args);
app.PrintUrlsOnStart();
await app.RunAsync();
return 0;

public partial class Program
{
    /// The whole service, in order. Tests build the same app with their own configuration.
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        builder.AddCollabLogging();
        builder.AddCollab();
        builder.AddCollabAdmin();
        builder.AddCollabTelemetry();

        var app = builder.Build();
        app.UseRequestLog();
        app.UseCollabAdmin();
        app.UseSecurityHeaders();
        app.MapClientApp(); // before UseNoStore: served assets keep their own caching
        app.UseNoStore();
        app.UseCollabSecurity();
        app.MapCollab();
        app.MapAuth();
        app.MapDocumentList();
        app.MapDocuments();
        app.MapDocumentExists();
        app.MapTitle();
        app.MapAccess();
        app.MapHealth();
        app.MapCollabAdmin();
        return app;
    }
}
