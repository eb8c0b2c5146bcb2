using System.CommandLine;
using System.Text.Json;

namespace AkkaCollab.Web.Admin.Ctl;

/// `AkkaCollab.Web ctl [--node URL] [--token T] [--json] <command>`: Petabridge.Cmd's cluster and
/// sharding palettes plus per-document commands, against one node's admin endpoint. Exit codes:
/// see ExitCodes (0 ok, 1 command failed, 2 usage, 3 unreachable or unauthorized).
public static class CtlCommand
{
    public const string TokenVariable = "AKKACOLLAB_ADMIN_TOKEN";

    private static readonly Option<string> Node = new("--node")
    {
        Description = "The node's admin endpoint",
        DefaultValueFactory = _ => "http://127.0.0.1:9110",
        Recursive = true,
    };

    private static readonly Option<string?> Token = new("--token")
    {
        Description = $"Admin token or admin-role access token (default: ${TokenVariable})",
        Recursive = true,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "Print the node's JSON answer, for scripts", Recursive = true };

    /// The process's entry point: Ctrl+C (SIGINT) or SIGTERM cancels the command, which then ends
    /// as it would when asked to (a tail exits 0), not with System.CommandLine's 130 or 143.
    public static async Task<int> RunProcess(string[] args)
    {
        using var interrupted = new CancellationTokenSource();
        void Interrupt(System.Runtime.InteropServices.PosixSignalContext signal)
        {
            signal.Cancel = true;
            interrupted.Cancel();
        }
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Interrupt);
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Interrupt);
        return await Run(args, cancel: interrupted.Token);
    }

    public static async Task<int> Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, CancellationToken cancel = default)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var root = Build(output);
        var parsed = root.Parse(args);
        var problems = parsed.Errors.Select(e => e.Message).ToList();
        if (problems.Count == 0 && parsed.GetValue(Node) is { } node && !(Uri.TryCreate(node, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            problems.Add($"--node: must be an http(s) URL like http://127.0.0.1:9110, got '{node}'");
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await errors.WriteLineAsync(problem);
            }
            await errors.WriteLineAsync("see: ctl --help");
            return ExitCodes.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancel);
        }
        catch (CtlException e)
        {
            await errors.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
    }

    private static RootCommand Build(TextWriter output)
    {
        var root = new RootCommand("Operate an AkkaCollab cluster through one node's admin endpoint.");
        root.Options.Add(Node);
        root.Options.Add(Token);
        root.Options.Add(Json);
        root.Subcommands.Add(ClusterCommands.Build(output));
        root.Subcommands.Add(DocCommands.Build(output));
        return root;
    }

    /// A command that calls the node once and prints the answer as a table (or JSON).
    internal static Command Verb(string name, string description, TextWriter output, Func<ParseResult, CtlClient, CancellationToken, Task<JsonElement>> call, Func<JsonElement, string> table, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: command.Arguments.Add(argument); break;
                case Option option: command.Options.Add(option); break;
            }
        }
        command.SetAction(async (parsed, cancel) =>
        {
            using var client = Client(parsed);
            var answer = await call(parsed, client, cancel);
            await output.WriteAsync(parsed.GetValue(Json) ? JsonSerializer.Serialize(answer, CtlClient.Json) + "\n" : table(answer));
            // A command the node refused comes back as a 4xx (exit 1); {"ok":false} in a 200 cannot happen.
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static CtlClient Client(ParseResult parsed, TimeSpan? timeout = null) =>
        new(new Uri(parsed.GetValue(Node)!), parsed.GetValue(Token) ?? Environment.GetEnvironmentVariable(TokenVariable), timeout ?? TimeSpan.FromSeconds(15));

    internal static bool AsJson(ParseResult parsed) => parsed.GetValue(Json);

    internal static string Message(JsonElement answer) => answer.GetProperty("message").GetString() + "\n";

    internal static string Text(JsonElement e, string name) => e.GetProperty(name) switch
    {
        { ValueKind: JsonValueKind.Null } => "-",
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        { ValueKind: JsonValueKind.True } => "yes",
        { ValueKind: JsonValueKind.False } => "no",
        var other => other.GetRawText(),
    };
}
