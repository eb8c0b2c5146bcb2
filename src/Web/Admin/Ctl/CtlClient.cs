using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaCollab.Node.Admin;

namespace AkkaCollab.Web.Admin.Ctl;

/// Exit codes of `ctl`, for scripts.
public static class ExitCodes
{
    public const int Ok = 0;
    public const int CommandFailed = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
}

/// A failed call, already mapped to its exit code and a message for stderr.
public sealed class CtlException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// The HTTP side of `ctl`: one admin endpoint, one bearer token.
public sealed class CtlClient(Uri node, string? token, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = Create(node, token, timeout);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task<JsonElement> Get(string path, CancellationToken cancel) => Send(new HttpRequestMessage(HttpMethod.Get, path), cancel);

    public Task<JsonElement> Post(string path, object? body, CancellationToken cancel) =>
        Send(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) }, cancel);

    /// Each line of a streamed (NDJSON) answer, until the server or the caller ends it.
    public async IAsyncEnumerable<string> Lines(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await Call(() => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel));
        await ThrowIfFailed(response, cancel);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            yield return line;
        }
    }

    private async Task<JsonElement> Send(HttpRequestMessage request, CancellationToken cancel)
    {
        using (request)
        using (var response = await Call(() => _http.SendAsync(request, cancel)))
        {
            await ThrowIfFailed(response, cancel);
            return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancel);
        }
    }

    private async Task<HttpResponseMessage> Call(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e)
        {
            throw new CtlException(ExitCodes.Unreachable, $"cannot reach {node}: {e.Message}");
        }
        catch (TaskCanceledException) when (!_disposed)
        {
            throw new CtlException(ExitCodes.Unreachable, $"{node} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    private static async Task ThrowIfFailed(HttpResponseMessage response, CancellationToken cancel)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new CtlException(ExitCodes.Unreachable, "unauthorized: pass --token or set AKKACOLLAB_ADMIN_TOKEN (the node's AkkaCollab:Admin:Token, or an admin-role access token)");
        }
        var message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            var result = await response.Content.ReadFromJsonAsync<CommandResult>(Json, cancel);
            message = result?.Message ?? message;
        }
        catch (JsonException)
        {
        }
        throw new CtlException(ExitCodes.CommandFailed, message);
    }

    private bool _disposed;

    private static HttpClient Create(Uri node, string? token, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = node, Timeout = timeout };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    public void Dispose()
    {
        _disposed = true;
        _http.Dispose();
    }
}
