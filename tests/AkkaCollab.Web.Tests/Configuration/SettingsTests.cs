using AkkaCollab.Node.Hosting;
using AkkaCollab.Web.Configuration;
using Microsoft.Extensions.Configuration;

namespace AkkaCollab.Web.Tests.Configuration;

public sealed class SettingsTests
{
    [Fact]
    public void Environment_variables_bind_to_the_settings()
    {
        var variables = new Dictionary<string, string>
        {
            ["AkkaCollab__Web__Url"] = "http://127.0.0.1:6123",
            ["AkkaCollab__Web__OutboundBufferFrames"] = "4096",
            ["AkkaCollab__Web__IdleTimeout"] = "00:02:00",
            ["AkkaCollab__Node__Roles__0"] = "web",
            ["AkkaCollab__Node__SeedNodes__0"] = "akka.tcp://akkacollab@10.0.0.1:4053",
            ["AkkaCollab__Node__Journal"] = "PostgreSql",
            ["AkkaCollab__Node__ConnectionString"] = "Host=db;Database=collab",
        };
        try
        {
            foreach (var (key, value) in variables)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
            var settings = CollabSettings.Load(new ConfigurationBuilder().AddEnvironmentVariables().Build());

            Assert.Equal("http://127.0.0.1:6123", settings.Web.Url);
            Assert.Equal(4096, settings.Web.OutboundBufferFrames);
            Assert.Equal(TimeSpan.FromMinutes(2), settings.Web.IdleTimeout);
            Assert.Equal(["web"], settings.Node.Roles);
            Assert.Equal(["akka.tcp://akkacollab@10.0.0.1:4053"], settings.Node.SeedNodes);
            Assert.Equal(JournalProvider.PostgreSql, settings.Node.Journal);
            Assert.Equal("Host=db;Database=collab", settings.Node.ConnectionString);
        }
        finally
        {
            foreach (var key in variables.Keys)
            {
                Environment.SetEnvironmentVariable(key, null);
            }
        }
    }

    [Fact]
    public void Defaults_are_web_and_doc_on_sqlite_in_the_data_folder_listening_on_localhost()
    {
        var settings = CollabSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["AkkaCollab:Web:DataFolder"] = "/tmp/collab-data" }).Build());

        Assert.Equal("http://127.0.0.1:5000", settings.Web.Url);
        Assert.Equal(["web", "doc"], settings.Node.Roles);
        Assert.Equal(JournalProvider.Sqlite, settings.Node.Journal);
        Assert.Equal($"Data Source={Path.Combine("/tmp/collab-data", "akkacollab.db")}", settings.Node.ConnectionString);
        Assert.DoesNotContain("bin", WebSettings.DefaultDataFolder().Split(Path.DirectorySeparatorChar));
    }

    [Fact]
    public void Invalid_settings_fail_at_start_up_naming_every_problem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AkkaCollab:Web:Url"] = "ftp://nope",
            ["AkkaCollab:Web:MaxFrameBytes"] = "10",
            ["AkkaCollab:Node:Roles:0"] = "gateway",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => CollabSettings.Load(configuration));

        Assert.Contains("AkkaCollab:Web:Url", error.Message);
        Assert.Contains("AkkaCollab:Web:MaxFrameBytes", error.Message);
        Assert.Contains("AkkaCollab:Node:Roles", error.Message);
    }
}
