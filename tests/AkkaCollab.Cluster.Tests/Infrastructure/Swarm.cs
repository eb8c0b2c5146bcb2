using System.Diagnostics;
using System.Text.Json;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Cluster.Tests.Infrastructure;

/// Clients spread over every node, editing shared documents continuously, each on its own loop,
/// with a clock that faults and acks are measured on.
public sealed class Swarm : IAsyncDisposable
{
    private static readonly TimeSpan StepInterval = TimeSpan.FromMilliseconds(100);
    private readonly ClusterScript _cluster;
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _editing = true;

    private Swarm(ClusterScript cluster, List<Editor> editors)
    {
        _cluster = cluster;
        Editors = editors;
    }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();
    public List<Editor> Editors { get; }
    public IEnumerable<string> Docs => Editors.Select(e => e.Doc).Distinct();

    /// docs documents named after the fault, clientsPerDoc clients each, client k of document d on node (d + k) mod N.
    public static async Task<Swarm> Start(ClusterScript cluster, string fault, int docs = 12, int clientsPerDoc = 2)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var editors = new List<Editor>();
        var swarm = new Swarm(cluster, editors);
        for (var d = 0; d < docs; d++)
        {
            for (var k = 0; k < clientsPerDoc; k++)
            {
                editors.Add(new Editor(cluster, $"chaos-{fault}-{run}-{d}", $"c{d}-{k}-{run}", (d + k) % ClusterScript.Nodes + 1, swarm.Clock));
            }
        }
        await Task.WhenAll(editors.Select(e => e.Connect()));
        foreach (var editor in editors)
        {
            swarm._loops.Add(Task.Run(() => swarm.Loop(editor)));
        }
        return swarm;
    }

    private async Task Loop(Editor editor)
    {
        while (!_stop.IsCancellationRequested)
        {
            await editor.Step(_editing);
            await Task.Delay(StepInterval);
        }
    }

    public TimeSpan Now => Clock.Elapsed;

    /// A load phase of the scenario: the clients go on editing for this long.
    public Task KeepEditing(TimeSpan duration) => Task.Delay(duration);

    /// Waits (bounded) until every client has an ack later than since: all documents serve again.
    public async Task<TimeSpan> UntilEveryClientAckedAfter(TimeSpan since, TimeSpan timeout)
    {
        var deadline = Now + timeout;
        while (Editors.Any(e => !AckedAfter(e, since)))
        {
            if (Now > deadline)
            {
                var waiting = Editors.Where(e => !AckedAfter(e, since)).Select(e => $"{e.ClientId}@node{e.Node}");
                throw new TimeoutException($"no ack since {since.TotalSeconds:F1}s within {timeout} for: {string.Join(", ", waiting)}");
            }
            await Task.Delay(50);
        }
        return Now - since;
    }

    private static bool AckedAfter(Editor editor, TimeSpan since)
    {
        lock (editor.Acks)
        {
            return editor.Acks.Count > 0 && editor.Acks[^1].At > since;
        }
    }

    /// The longest time any client went without an ack in [from, to]: the time until an affected
    /// document served again (the clients edit all the time, so a gap is unavailability).
    public TimeSpan LongestAckGap(TimeSpan from, TimeSpan to) => LongestAckGapOf(from, to).Gap;

    /// Clients that went longer than threshold without an ack in [from, to]: the fault's reach.
    public int Affected(TimeSpan from, TimeSpan to, TimeSpan threshold) =>
        Editors.Count(e =>
        {
            List<TimeSpan> times;
            lock (e.Acks) times = [from, .. e.Acks.Select(a => a.At).Where(t => t > from && t < to), to];
            return times.Zip(times.Skip(1)).Any(p => p.Item2 - p.Item1 > threshold);
        });

    /// The longest gap, where it ended (swarm clock) and whose it was.
    public (TimeSpan Gap, TimeSpan EndedAt, string Who) LongestAckGapOf(TimeSpan from, TimeSpan to)
    {
        var longest = TimeSpan.Zero;
        var endedAt = from;
        var who = "";
        foreach (var editor in Editors)
        {
            List<TimeSpan> times;
            lock (editor.Acks)
            {
                times = [from, .. editor.Acks.Select(a => a.At).Where(t => t > from && t < to), to];
            }
            for (var i = 1; i < times.Count; i++)
            {
                if (times[i] - times[i - 1] > longest)
                {
                    (longest, endedAt, who) = (times[i] - times[i - 1], times[i], $"{editor.ClientId}@node{editor.Node}");
                }
            }
        }
        return (longest, endedAt, who);
    }

    /// Stops editing and waits until every client has its ops acked and sits at the server's
    /// revision with the server's content. Returns the clients that did not (divergent).
    public async Task<List<string>> Converge(TimeSpan timeout)
    {
        _editing = false;
        var deadline = Now + timeout;
        var divergent = new List<string>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (true)
        {
            divergent.Clear();
            foreach (var group in Editors.GroupBy(e => e.Doc))
            {
                var (revision, content) = await ServerDocument(http, group.Key);
                foreach (var editor in group)
                {
                    var c = editor.Client!;
                    if (!c.Synchronized || !c.Subscribed || c.Rev != revision || !JsonEquals(c.Content, content))
                    {
                        divergent.Add($"{editor.ClientId} rev {c.Rev} vs server {revision}{(c.Synchronized ? "" : " (ops pending)")}");
                    }
                }
            }
            if (divergent.Count == 0 || Now > deadline)
            {
                return divergent;
            }
            await Task.Delay(200);
        }
    }

    private async Task<(long, Delta)> ServerDocument(HttpClient http, string doc)
    {
        // Any node that answers: the test may run while one is down.
        for (var node = 1; ; node++)
        {
            try
            {
                using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(_cluster.Url((node - 1) % ClusterScript.Nodes + 1), $"/api/docs/{doc}")));
                return (json.RootElement.GetProperty("revision").GetInt64(), Delta.FromJson(json.RootElement.GetProperty("delta").GetRawText()));
            }
            catch (Exception e) when (node < 3 * ClusterScript.Nodes && e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
    }

    private static bool JsonEquals(Delta a, Delta b) => a.ToJson() == b.ToJson();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_loops);
        foreach (var editor in Editors)
        {
            if (editor.Client is { } client)
            {
                await client.DisposeAsync();
            }
        }
    }
}
