using System.Text.Json;
using Microsoft.Playwright;

namespace AkkaCollab.E2E.Infrastructure;

/// Debian's Chromium under Playwright (no browser download is possible here), one context per
/// simulated person, and screenshots under artifacts/e2e/.
public sealed class Browser : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _baseUri;

    private Browser(IPlaywright playwright, IBrowser browser, Uri baseUri)
    {
        _playwright = playwright;
        _browser = browser;
        _baseUri = baseUri;
    }

    public static string ArtifactsFolder { get; } = Path.Combine(ServerProcess.RepositoryRoot, "artifacts", "e2e");

    public static async Task<Browser> LaunchAsync(Uri baseUri)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
        return new Browser(playwright, browser, baseUri);
    }

    /// A new person (own cookies, storage and service worker) signed in as `user`, with `doc` open.
    /// `editable` false: wait only for the document to load (a viewer's editor is never enabled).
    public async Task<EditorPage> OpenAsync(string user, string doc, bool editable = true)
    {
        var page = await NewPageAsync(user, doc);
        // "?new": the test's document may not exist yet; the link is what "New document" does.
        await SignInAtAsync(page, $"#/d/{doc}?new");
        if (editable) await page.WaitLoadedAsync();
        else await page.Page.WaitForFunctionAsync("() => window.__akkacollab?.client.loaded === true");
        return page;
    }

    /// Opens `hash` in a fresh page and signs in there with the page's user.
    public static async Task SignInAtAsync(EditorPage page, string hash)
    {
        await page.Page.GotoAsync($"/{hash}");
        await page.Page.FillAsync("#user-name", page.User);
        await page.Page.ClickAsync("#sign-in button[type=submit]");
    }

    /// Another tab of the same person (same IndexedDB and cookies, its own sessionStorage) with
    /// `doc` open: signed in by the refresh cookie, without the sign-in form.
    public static async Task<EditorPage> OpenTabAsync(EditorPage sameBrowser)
    {
        var tab = new EditorPage(sameBrowser.Context, await sameBrowser.Context.NewPageAsync(), sameBrowser.User, sameBrowser.Doc);
        await tab.Page.GotoAsync($"/#/d/{tab.Doc}?new");
        await tab.WaitLoadedAsync();
        return tab;
    }

    /// A new person's first page, not yet anywhere.
    public async Task<EditorPage> NewPageAsync(string user, string doc)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseUri.ToString(),
            ViewportSize = new ViewportSize { Width = 1000, Height = 700 },
        });
        context.SetDefaultTimeout(30_000);
        // Counts the op frames the page sends, to compare with the keys pressed, and records what
        // kind of token each hello carried ("jwt" or "name"), to prove the real auth flow is used.
        await context.AddInitScriptAsync(
            "(() => { const send = WebSocket.prototype.send; window.__sentOps = 0; window.__helloTokens = []; WebSocket.prototype.send = function (d) { if (typeof d === 'string' && d.includes('\\\"a\\\":\\\"op\\\"')) window.__sentOps++; if (typeof d === 'string' && d.includes('\\\"a\\\":\\\"hello\\\"')) { const t = JSON.parse(d).token; window.__helloTokens.push(t === undefined ? 'none' : /^eyJ[^.]+\\.[^.]+\\.[^.]+$/.test(t) ? 'jwt' : 'name'); } return send.call(this, d); }; })()");
        return new EditorPage(context, await context.NewPageAsync(), user, doc);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}

/// One person's page with the editor open, and what the tests ask of it.
public sealed class EditorPage(IBrowserContext context, IPage page, string user, string doc)
{
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;
    public string User { get; } = user;
    public string Doc { get; } = doc;

    public async Task WaitLoadedAsync() =>
        await Page.WaitForFunctionAsync("() => window.__akkacollab?.client.loaded === true && window.__akkacollab.quill.isEnabled()");

    public Task<string> StatusAsync() => Page.EvalOnSelectorAsync<string>("#status", "e => e.dataset.status");

    public Task<string> StatusTextAsync() => Page.InnerTextAsync("#status");

    public Task WaitStatusAsync(string status, int timeoutMs = 30_000) =>
        Page.WaitForFunctionAsync("s => document.querySelector('#status')?.dataset.status === s", status,
            new PageWaitForFunctionOptions { Timeout = timeoutMs });

    public Task<string> TextAsync() => Page.EvaluateAsync<string>("() => window.__akkacollab.quill.getText()");

    public async Task<string> ContentsJsonAsync() =>
        await Page.EvaluateAsync<string>("() => JSON.stringify(window.__akkacollab.quill.getContents().ops)");

    /// Puts the caret at `index` (focusing the editor) and types like a person, key by key.
    public async Task TypeAtAsync(int index, string text, int delayMs = 12)
    {
        await Page.EvaluateAsync("i => window.__akkacollab.quill.setSelection(i, 0, 'user')", index);
        await TypeAsync(text, delayMs);
    }

    /// Puts the caret at the end of line `line` (0-based), wherever other people's text moved it.
    public async Task TypeAtLineEndAsync(int line, string text, int delayMs = 12)
    {
        await Page.EvaluateAsync(
            "n => { const q = window.__akkacollab.quill; const t = q.getText(); let i = -1; for (let k = 0; k <= n; k++) i = t.indexOf('\\n', i + 1); q.setSelection(i, 0, 'user'); }",
            line);
        await TypeAsync(text, delayMs);
    }

    public async Task TypeAsync(string text, int delayMs = 12)
    {
        foreach (var ch in text)
        {
            await Page.Keyboard.PressAsync(ch == '\n' ? "Enter" : ch.ToString());
            if (delayMs > 0) await Task.Delay(delayMs);
        }
    }

    /// Pastes at `index` the way a browser does (a paste event with clipboard data), through Quill's clipboard.
    public async Task PasteAtAsync(int index, string text, string? html = null)
    {
        await Page.EvaluateAsync(
            """
            ([i, text, html]) => {
              const q = window.__akkacollab.quill;
              q.focus();
              q.setSelection(i, 0, 'user');
              const data = new DataTransfer();
              data.setData('text/plain', text);
              if (html) data.setData('text/html', html);
              q.root.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """,
            new object?[] { index, text, html });
    }

    /// The message the page shows about removed or refused edits ("" when none is shown).
    public Task<string> NoticeAsync() =>
        Page.EvaluateAsync<string>("() => { const n = document.querySelector('#notice'); return n && !n.hidden ? n.innerText : ''; }");

    /// The caret's index in the editor (-1 without a selection).
    public Task<int> CaretAsync() => Page.EvaluateAsync<int>("() => window.__akkacollab.quill.getSelection()?.index ?? -1");

    /// The kind of token ("jwt", "name" or "none") of every hello this page sent since it was (re)loaded.
    public async Task<string[]> HelloTokensAsync() => await Page.EvaluateAsync<string[]>("() => window.__helloTokens");

    /// Op frames this page has sent since it was (re)loaded.
    public Task<int> SentOpsAsync() => Page.EvaluateAsync<int>("() => window.__sentOps");

    /// Resolves once every edit typed so far is in IndexedDB.
    public Task WaitPersistedAsync() => Page.EvaluateAsync("() => window.__akkacollab.client.whenPersisted()");

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Browser.ArtifactsFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ArtifactsFolder, $"{name}-{User}.png"), FullPage = true });
    }

    /// Remote cursors this page shows: (name, index, length).
    public async Task<List<(string Name, int Index, int Length)>> CursorsAsync()
    {
        var json = await Page.EvaluateAsync<string>(
            "() => JSON.stringify(window.__akkacollab.quill.getModule('cursors').cursors().map(c => ({ name: c.name, index: c.range ? c.range.index : -1, length: c.range ? c.range.length : 0 })))");
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateArray().Select(e => (e.GetProperty("name").GetString()!, e.GetProperty("index").GetInt32(), e.GetProperty("length").GetInt32()))];
    }
}
