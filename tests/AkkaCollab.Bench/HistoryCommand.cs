using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Hosting;
using AkkaCollab.Protocol.Deltas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;
using static AkkaCollab.Node.Documents.Messages.DocumentQueries;

namespace AkkaCollab.Bench;

/// <summary>
/// `history [--ops N] [--pg CONNECTION]`: builds one document of N ops (default 100,000; one
/// character each, at spread positions) through DocumentEntity on PostgreSQL with the default
/// limits (a snapshot every 1,000 revisions), then times the past-revision read the history
/// endpoint asks for (GetContentAt: the newest snapshot at or below the revision, then the ops
/// after it through the rope) at revision 1, N/2 + 1 and N - 1, 20 times each after one warm-up.
/// </summary>
internal static class HistoryCommand
{
    public const string Help = "past-revision reads of an N-op document on PostgreSQL; [--ops N]";

    public static async Task<int> RunAsync(string[] args)
    {
        var ops = 100_000;
        string? pg = Environment.GetEnvironmentVariable("AKKACOLLAB_TEST_PG");
        for (var k = 0; k < args.Length; k++)
        {
            switch (args[k])
            {
                case "--ops": ops = int.Parse(args[++k]); break;
                case "--pg": pg = args[++k]; break;
                default:
                    Console.Error.WriteLine($"history: unknown option '{args[k]}'");
                    return 2;
            }
        }
        pg ??= SubmitCommand.StartPostgres();
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("bench", (builder, _) =>
                builder.WithDocumentJournal(JournalProvider.PostgreSql, pg).WithDocumentSerializer()))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var id = DocumentId.Parse($"history-{Guid.NewGuid():N}"[..20]);
        var entity = system.ActorOf(DocumentEntity.PropsFor(id, new DocumentLimits()));

        // One client, pipelined in batches: op i is based on revision i - 1.
        var build = Stopwatch.StartNew();
        const int Batch = 2_000;
        for (var start = 0; start < ops; start += Batch)
        {
            var acks = Enumerable.Range(start, Math.Min(Batch, ops - start)).Select(i =>
                entity.Ask<SubmitAcked>(new Submit(id, "writer", i + 1, i, Delta.Empty.Retain(i / 2).Insert(((char)('a' + (i % 26))).ToString()), "bench"), TimeSpan.FromMinutes(2)));
            await Task.WhenAll(acks);
        }
        Console.WriteLine($"built {ops:N0} ops in {build.Elapsed.TotalSeconds:N1} s");

        Console.WriteLine("| revision | min ms | median ms | max ms | characters |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var revision in new long[] { 1, ops / 2 + 1, ops - 1 })
        {
            var times = new List<double>();
            var length = 0;
            for (var run = 0; run < 21; run++)
            {
                var clock = Stopwatch.StartNew();
                var reply = await entity.Ask<object>(new GetContentAt(id, revision), TimeSpan.FromSeconds(60));
                clock.Stop();
                if (reply is not ContentAt at)
                {
                    Console.Error.WriteLine($"revision {revision}: {reply}");
                    return 1;
                }
                length = at.Content.Length();
                if (run > 0)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            times.Sort();
            Console.WriteLine($"| {revision:N0} | {times[0]:N2} | {times[times.Count / 2]:N2} | {times[^1]:N2} | {length:N0} |");
        }
        await host.StopAsync();
        return 0;
    }
}
