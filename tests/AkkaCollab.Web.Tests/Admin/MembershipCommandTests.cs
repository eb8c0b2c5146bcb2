using Akka.Cluster;
using AkkaCollab.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaCollab.Web.Tests.Admin;

/// The commands that change membership, each on a cluster of its own.
public sealed class MembershipCommandTests
{
    private static async Task<(CollabServer A, CollabServer B)> TwoNodes()
    {
        var a = await CollabServer.Start(AdminNodes.Settings());
        var b = await CollabServer.Start(AdminNodes.Settings(("AkkaCollab:Node:SeedNodes:0", a.Address())));
        await AdminNodes.Until(() => Cluster.Get(a.System()).State.Members.Count(m => m.Status == MemberStatus.Up) == 2, "both Up");
        return (a, b);
    }

    private static bool Gone(CollabServer from, string address) =>
        Cluster.Get(from.System()).State.Members.All(m => m.Address.ToString() != address);

    [Fact]
    public async Task Cluster_leave_makes_the_member_leave_and_be_removed()
    {
        var (a, b) = await TwoNodes();
        await using (a)
        await using (b)
        {
            var run = await a.Ctl("cluster", "leave", b.Address());
            Assert.Equal(0, run.ExitCode);
            Assert.Equal($"{b.Address()} leaving\n", run.Out);
            await AdminNodes.Until(() => Gone(a, b.Address()), "B removed from A's membership");
            Assert.Single(Cluster.Get(a.System()).State.Members);
        }
    }

    [Fact]
    public async Task Cluster_down_removes_the_member_from_the_cluster()
    {
        var (a, b) = await TwoNodes();
        await using (a)
        await using (b)
        {
            var run = await a.Ctl("cluster", "down", b.Address());
            Assert.Equal(0, run.ExitCode);
            Assert.Equal($"{b.Address()} marked down\n", run.Out);
            await AdminNodes.Until(() => Gone(a, b.Address()), "B removed after down");
            var show = (await a.Ctl("--json", "cluster", "show")).Json;
            Assert.Equal([a.Address()], show.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("address").GetString()!).ToArray());
        }
    }

    [Fact]
    public async Task Cluster_join_makes_a_node_that_is_not_yet_a_member_join_and_a_member_refuses()
    {
        await using var a = await CollabServer.Start(AdminNodes.Settings());
        Assert.Equal(1, (await a.Ctl("cluster", "join", a.Address())).ExitCode);
        // C's only seed is a port where nothing listens, so it waits, unjoined, until told.
        var folder = Directory.CreateTempSubdirectory("akkacollab-admin-join-").FullName;
        var c = Program.Build(["--environment", "Development"], new Dictionary<string, string?>
        {
            ["AkkaCollab:Web:Url"] = "http://127.0.0.1:0",
            ["AkkaCollab:Web:DataFolder"] = folder,
            ["AkkaCollab:Node:Port"] = "0",
            ["AkkaCollab:Node:ActorSystemName"] = "webtest",
            ["AkkaCollab:Node:SeedNodes:0"] = "akka.tcp://webtest@127.0.0.1:1",
            ["AkkaCollab:Admin:Token"] = AdminNodes.Token,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await c.StartAsync();
        try
        {
            var cAdmin = c.Services.GetRequiredService<Web.Admin.AdminEndpoint>().BoundUrl!;
            var cAddress = Cluster.Get(c.Services.GetRequiredService<Akka.Actor.ActorSystem>()).SelfAddress.ToString();
            Assert.True(Gone(a, cAddress));
            var run = await AdminNodes.Ctl(cAdmin, AdminNodes.Token, ["cluster", "join", a.Address()]);
            Assert.Equal(0, run.ExitCode);
            await AdminNodes.Until(() => Cluster.Get(a.System()).State.Members.Any(m => m.Address.ToString() == cAddress && m.Status == MemberStatus.Up), "C Up in A's view");
            Assert.Contains(cAddress, (await a.Ctl("cluster", "show")).Out);
        }
        finally
        {
            await c.StopAsync();
            await c.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
