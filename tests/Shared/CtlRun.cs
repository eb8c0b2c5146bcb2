using System.Text.Json;

namespace AkkaCollab.Tests.Shared;

/// What one `ctl` run printed and returned (in this process or as the built binary).
public sealed record CtlRun(int ExitCode, string Out, string Err)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\n{Out}\n{Err}";
}
