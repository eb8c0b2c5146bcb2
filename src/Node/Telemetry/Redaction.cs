using System.Text.RegularExpressions;

namespace AkkaCollab.Node.Telemetry;

// What may appear of a secret in a log or an error: never its value.
public static partial class Redaction
{
    // Password=…, Pwd=… (up to the next ';'), whatever the case or spacing.
    [GeneratedRegex(@"(?<key>\b(?:password|pwd)\s*=\s*)(?<value>[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPart();

    public static string ConnectionString(string connectionString) =>
        PasswordPart().Replace(connectionString, m => m.Groups["key"].Value + "***");
}
