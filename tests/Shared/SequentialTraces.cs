using System.IO.Compression;
using System.Text;
using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Tests.Shared;

/// <summary>
/// The real editing traces of ../shared/traces/sequential (see its README; AKKACOLLAB_TRACES
/// overrides the folder): one Delta per line of NAME.deltas.jsonl.gz, and the expected final
/// text in NAME.final.txt.gz. Shared by the trace-replay tests and the replay benchmark.
/// </summary>
internal static class SequentialTraces
{
    private const string DeltasSuffix = ".deltas.jsonl.gz";

    public static string Directory()
    {
        var configured = Environment.GetEnvironmentVariable("AKKACOLLAB_TRACES");
        var directory = string.IsNullOrEmpty(configured)
            ? Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), "..", "shared", "traces", "sequential"))
            : Path.GetFullPath(configured);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"the editing traces are missing: expected {directory} (../shared/traces/sequential next to the repository root; set AKKACOLLAB_TRACES to override)");
        }
        return directory;
    }

    public static IReadOnlyList<string> Names() =>
        System.IO.Directory.GetFiles(Directory(), "*" + DeltasSuffix)
            .Select(path => Path.GetFileName(path)[..^DeltasSuffix.Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static Delta[] Ops(string name)
    {
        var ops = new List<Delta>();
        using var reader = new StreamReader(Open(name + DeltasSuffix), Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            // Each line is the bare ops array; the wire shape wraps it in {"ops": ...}.
            if (!Delta.TryFromJson("{\"ops\":" + line + "}", out var delta, out var error))
            {
                throw new InvalidDataException($"{name} line {number}: {error}");
            }
            ops.Add(delta!);
        }
        return [.. ops];
    }

    public static string FinalText(string name)
    {
        using var reader = new StreamReader(Open(name + ".final.txt.gz"), new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    private static GZipStream Open(string file) =>
        new(File.OpenRead(Path.Combine(Directory(), file)), CompressionMode.Decompress);
}
