using System.IO.Compression;
using System.Text;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Tests.Differential;

namespace AkkaCollab.Protocol.Tests.Documents;

/// <summary>
/// The real editing traces of ../shared/traces/sequential (see its README): one Delta per
/// line of NAME.deltas.jsonl.gz, and the expected final text in NAME.final.txt.gz.
/// </summary>
internal static class SequentialTraces
{
    public static string Directory()
    {
        var root = RepositoryRoot.Find();
        var directory = Path.GetFullPath(Path.Combine(root, "..", "shared", "traces", "sequential"));
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"the editing traces are missing: expected {directory} (../shared/traces/sequential next to the repository root {root})");
        }
        return directory;
    }

    public static IReadOnlyList<string> Names() =>
        System.IO.Directory.GetFiles(Directory(), "*.deltas.jsonl.gz")
            .Select(path => Path.GetFileName(path)[..^".deltas.jsonl.gz".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<Delta> Ops(string name)
    {
        var ops = new List<Delta>();
        using var reader = new StreamReader(Open(name + ".deltas.jsonl.gz"), Encoding.UTF8);
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
        return ops;
    }

    public static string FinalText(string name)
    {
        using var reader = new StreamReader(Open(name + ".final.txt.gz"), new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    private static GZipStream Open(string file) =>
        new(File.OpenRead(Path.Combine(Directory(), file)), CompressionMode.Decompress);
}
