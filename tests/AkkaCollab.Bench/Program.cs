using AkkaCollab.Bench;

// A tiny command dispatcher: one file per command. Add a command by adding a line here.
var commands = new SortedDictionary<string, (string Help, Func<string[], Task<int>> Run)>(StringComparer.Ordinal)
{
    ["replay"] = (ReplayCommand.Help, ReplayCommand.RunAsync),
    ["bdn"] = (BdnCommand.Help, BdnCommand.RunAsync),
    ["submit"] = (SubmitCommand.Help, SubmitCommand.RunAsync),
    ["history"] = (HistoryCommand.Help, HistoryCommand.RunAsync),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/AkkaCollab.Bench -- <command> [options]");
    foreach (var (name, (help, _)) in commands)
    {
        Console.Error.WriteLine($"  {name,-8} {help}");
    }
    return args.Length == 0 || args[0] is "help" or "--help" ? 0 : 2;
}

return await command.Run(args[1..]);
