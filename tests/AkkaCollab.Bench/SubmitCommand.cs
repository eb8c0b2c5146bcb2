using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using AkkaCollab.Node.Documents;
using AkkaCollab.Node.Hosting;
using AkkaCollab.Protocol.Deltas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static AkkaCollab.Node.Documents.Messages.DocumentCommands;

namespace AkkaCollab.Bench;

/// <summary>
/// `submit [--docs N] [--clients N] [--seconds S] [--pg CONNECTION]`: durable, acknowledged
/// submits per second through DocumentEntity on PostgreSQL (tests/scripts/postgres.sh is started
/// when no connection string is given), with ack latency percentiles. Each virtual client keeps
/// one op in flight, bases it on the newest revision it has seen acked, and sends its next op as
/// soon as the ack arrives; --docs 1 is one hot document.
/// </summary>
internal static class SubmitCommand
{
    public const string Help = "durable acked submits/s and ack latency on PostgreSQL; [--docs N] [--clients N per doc] [--seconds S]";

    public static async Task<int> RunAsync(string[] args)
    {
        int docs = 1, clients = 64, seconds = 10;
        var inMemory = false;
        string? pg = Environment.GetEnvironmentVariable("AKKACOLLAB_TEST_PG");
        for (var k = 0; k < args.Length; k++)
        {
            switch (args[k])
            {
                case "--docs": docs = int.Parse(args[++k]); break;
                case "--clients": clients = int.Parse(args[++k]); break;
                case "--seconds": seconds = int.Parse(args[++k]); break;
                case "--pg": pg = args[++k]; break;
                case "--in-memory": inMemory = true; break;
                default:
                    Console.Error.WriteLine($"submit: unknown option '{args[k]}'");
                    return 2;
            }
        }
        if (!inMemory)
        {
            pg ??= StartPostgres();
        }

        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("bench", (builder, _) =>
            {
                builder.AddHocon(Environment.GetEnvironmentVariable("AKKACOLLAB_BENCH_HOCON") ?? "", HoconAddMode.Prepend);
                // --in-memory: the ceiling of entity + generator alone, without a database.
                if (inMemory)
                {
                    builder.AddHocon("akka.persistence.journal.plugin = akka.persistence.journal.inmem\nakka.persistence.snapshot-store.plugin = akka.persistence.snapshot-store.inmem", HoconAddMode.Prepend);
                }
                else
                {
                    builder.WithDocumentJournal(JournalProvider.PostgreSql, pg!);
                }
                builder.WithDocumentSerializer();
            }))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var limits = new DocumentLimits { SnapshotEvery = 10_000 };
        var run = Guid.NewGuid().ToString("N")[..8];
        var entities = Enumerable.Range(0, docs)
            .Select(i => DocumentId.Parse($"bench-{run}-{i}"))
            .Select(id => (Id: id, Ref: system.ActorOf(DocumentEntity.PropsFor(id, limits))))
            .ToList();

        var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));
        var generator = system.ActorOf(Props.Create(() => new LoadGenerator(entities, clients, warmup, TimeSpan.FromSeconds(seconds))));
        var result = await generator.Ask<LoadResult>(LoadGenerator.Go.Instance, TimeSpan.FromSeconds(seconds + 60));
        await host.StopAsync();

        Console.WriteLine($"| {docs} | {clients * docs} | {result.Acked / result.Elapsed.TotalSeconds:N0} | {result.P50:N2} | {result.P99:N2} | {result.Acked:N0} in {result.Elapsed.TotalSeconds:N1} s |");
        return 0;
    }

    internal static string StartPostgres()
    {
        var script = Path.Combine(FindRoot(), "tests", "scripts", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo(script, "start") { RedirectStandardOutput = true })!;
        var url = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? url : throw new InvalidOperationException($"{script} start failed ({process.ExitCode})");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AkkaCollab.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("AkkaCollab.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed record LoadResult(long Acked, TimeSpan Elapsed, double P50, double P99);

    /// Drives the virtual clients from one actor: acks come back to it, it sends the next op.
    private sealed class LoadGenerator : ReceiveActor, IWithTimers
    {
        public sealed record Go
        {
            public static readonly Go Instance = new();
        }

        private sealed record Finish
        {
            public static readonly Finish Instance = new();
        }

        public ITimerScheduler Timers { get; set; } = null!;

        private readonly Dictionary<string, long> _sentAt = [];
        private readonly Dictionary<DocumentId, long> _seen = [];
        private readonly List<double> _latenciesMs = new(1 << 20);
        private readonly Stopwatch _clock = new();
        private long _acked;
        private bool _measuring;
        private IActorRef _replyTo = ActorRefs.Nobody;

        public LoadGenerator(List<(DocumentId Id, IActorRef Ref)> entities, int clientsPerDoc, TimeSpan warmup, TimeSpan measure)
        {
            var byId = entities.ToDictionary(e => e.Id, e => e.Ref);
            Receive<Go>(_ =>
            {
                _replyTo = Sender;
                _clock.Start();
                foreach (var (id, entity) in entities)
                {
                    _seen[id] = 0;
                    for (var c = 0; c < clientsPerDoc; c++)
                    {
                        Send(entity, id, $"c{c}", 1);
                    }
                }
                Timers.StartSingleTimer("measure", "measure", warmup);
                Timers.StartSingleTimer("finish", Finish.Instance, warmup + measure);
            });
            Receive<string>(_ =>
            {
                _measuring = true;
                _acked = 0;
                _latenciesMs.Clear();
                _clock.Restart();
            });
            Receive<SubmitAcked>(ack =>
            {
                var key = ack.DocumentId.Value + "/" + ack.ClientId;
                if (_measuring)
                {
                    _acked++;
                    _latenciesMs.Add((Stopwatch.GetTimestamp() - _sentAt[key]) * 1000.0 / Stopwatch.Frequency);
                }
                if (ack.Revision > _seen[ack.DocumentId])
                {
                    _seen[ack.DocumentId] = ack.Revision;
                }
                Send(byId[ack.DocumentId], ack.DocumentId, ack.ClientId, ack.Seq + 1);
            });
            Receive<SubmitRejected>(rejected => throw new InvalidOperationException($"{rejected.ClientId}: {rejected.Code} {rejected.Reason}"));
            Receive<Finish>(_ =>
            {
                var elapsed = _clock.Elapsed;
                _latenciesMs.Sort();
                double At(double q) => _latenciesMs.Count == 0 ? double.NaN : _latenciesMs[(int)Math.Min(_latenciesMs.Count - 1, q * _latenciesMs.Count)];
                _replyTo.Tell(new LoadResult(_acked, elapsed, At(0.50), At(0.99)));
                Become(() => ReceiveAny(_ => { }));
            });
        }

        private void Send(IActorRef entity, DocumentId id, string client, long seq)
        {
            _sentAt[id.Value + "/" + client] = Stopwatch.GetTimestamp();
            entity.Tell(new Submit(id, client, seq, _seen[id], Delta.Empty.Insert("x"), "bench"));
        }
    }
}
