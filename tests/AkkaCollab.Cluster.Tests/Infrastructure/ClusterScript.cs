using System.Diagnostics;
using System.Text;
using AkkaCollab.Tests.Shared;

namespace AkkaCollab.Cluster.Tests.Infrastructure;

/// tests/cluster/cluster.sh, run as a process with a bounded time per command. Addresses, ports,
/// the state directory and PostgreSQL come from the environment (CLUSTER_*, AKKACOLLAB_PG_*),
/// so that the suite and the script always agree.
public sealed class ClusterScript
{
    public const int Nodes = 3;

    private readonly string _script = Path.Combine(RepositoryRoot.Find(), "tests", "cluster", "cluster.sh");
    private readonly Dictionary<string, string> _environment;

    public ClusterScript(IReadOnlyDictionary<string, string> environment)
    {
        _environment = new Dictionary<string, string>(environment) { ["CLUSTER_NODES"] = Nodes.ToString() };
        Directory = Run("dir").Trim();
        _urls = [.. Enumerable.Range(1, Nodes).Select(n => new Uri(Run("url", n.ToString()).Trim()))];
        // "node 1  127.0.0.11  http 5101  remoting 4101  …": the remoting address each node binds.
        var status = Run("status").Split('\n');
        _remoting = [.. Enumerable.Range(1, Nodes).Select(n =>
        {
            var words = status.First(l => l.StartsWith($"node {n} ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return $"{words[2]}:{words[Array.IndexOf(words, "remoting") + 1]}";
        })];
    }

    private readonly Uri[] _urls;
    private readonly string[] _remoting;

    /// Node's actor system address as its members know it (cluster.sh names the system akkacollab).
    public string Address(int node) => $"akka.tcp://akkacollab@{_remoting[node - 1]}";

    /// Node's admin endpoint: port 9110 on its own loopback address (the node's default).
    public Uri AdminUrl(int node) => new($"http://{Url(node).Host}:9110");

    public string Directory { get; }

    public string Run(params string[] args) => RunWithin(TimeSpan.FromSeconds(120), args);

    public string RunWithin(TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(_script, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cluster.sh {string.Join(' ', args)} took longer than {limit}");
        }
        process.WaitForExit();
        string text;
        lock (output) text = output.ToString();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', args)} exited {process.ExitCode}:\n{text}");
        }
        return text;
    }

    public Uri Url(int node) => _urls[node - 1];

    public Uri WebSocketUrl(int node) => new($"ws://{Url(node).Authority}/ws");

    public string Log(int node) => File.ReadAllText(Path.Combine(Directory, $"node{node}", "node.log"));

    public bool Running(int node) => StatusLine(node).Contains("running");

    public int LogLength(int node) => Log(node).Length;

    public string StatusLine(int node) =>
        Run("status").Split('\n').FirstOrDefault(l => l.StartsWith($"node {node} ", StringComparison.Ordinal)) ?? "";
}
