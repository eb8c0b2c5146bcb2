using AkkaCollab.Node.Hosting;

namespace AkkaCollab.Web.Configuration;

/// Everything one process is configured with: the web settings and the node options, bound from
/// configuration (appsettings, environment variables, command line) and validated together so
/// that start-up fails once, listing every problem.
public sealed record CollabSettings(WebSettings Web, AkkaCollabNodeOptions Node)
{
    public static CollabSettings Load(IConfiguration configuration)
    {
        var web = new WebSettings();
        configuration.GetSection(WebSettings.Section).Bind(web);
        var node = new AkkaCollabNodeOptions();
        var nodeSection = configuration.GetSection(AkkaCollabNodeOptions.Section);
        nodeSection.Bind(node);
        // Binding a list appends to its defaults; a configured list replaces them instead.
        node.Roles = ListOrDefault(nodeSection.GetSection(nameof(node.Roles)), ["web", "doc"]);
        node.SeedNodes = ListOrDefault(nodeSection.GetSection(nameof(node.SeedNodes)), []);
        if (node.Journal == JournalProvider.Sqlite && nodeSection[nameof(node.ConnectionString)] is null)
        {
            node.ConnectionString = $"Data Source={Path.Combine(web.DataFolder, "akkacollab.db")}";
        }
        var settings = new CollabSettings(web, node);
        settings.ThrowIfInvalid();
        return settings;
    }

    public void ThrowIfInvalid()
    {
        var errors = Web.Validate().Concat(Node.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid AkkaCollab settings:\n  " + string.Join("\n  ", errors));
        }
    }

    private static List<string> ListOrDefault(IConfigurationSection section, List<string> fallback)
    {
        var items = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return section.GetChildren().Any() ? items : fallback;
    }
}
