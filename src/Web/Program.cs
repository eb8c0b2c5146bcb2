using AkkaCollab.Web.Api;
using AkkaCollab.Web.ClientApp;
using AkkaCollab.Web.Gateway;
using AkkaCollab.Web.Hosting;
using AkkaCollab.Web.Security;

var app = Program.Build(args);
app.PrintUrlsOnStart();
await app.RunAsync();

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
        builder.AddCollab();

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.MapClientApp(); // before UseNoStore: served assets keep their own caching
        app.UseNoStore();
        app.UseCollabSecurity();
        app.MapCollab();
        app.MapAuth();
        app.MapDocuments();
        app.MapDocumentExists();
        app.MapAccess();
        app.MapHealth();
        return app;
    }
}
