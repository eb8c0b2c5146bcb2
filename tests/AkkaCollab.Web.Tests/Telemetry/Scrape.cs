using System.Globalization;
using System.Net.Http.Headers;
using AkkaCollab.Web.Tests.Admin;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Telemetry;

/// One Prometheus scrape of a node's admin endpoint, and the value of a series in it.
public sealed class Scrape(string text)
{
    public string Text { get; } = text;

    public static async Task<Scrape> Of(CollabServer server)
    {
        using var http = new HttpClient { BaseAddress = server.AdminUri() };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminNodes.Token);
        return new Scrape(await http.GetStringAsync("metrics"));
    }

    /// The sample of name whose labels include every given label; 0 when the series is absent.
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith('#') || !(line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal)))
            {
                continue;
            }
            if (labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}
