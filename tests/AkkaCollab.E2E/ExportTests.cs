using AkkaCollab.E2E.Infrastructure;

namespace AkkaCollab.E2E;

public sealed class ExportTests : E2ETest
{
    [Fact]
    public async Task Export_Markdown_downloads_the_document_as_a_md_file_named_after_it()
    {
        var ann = await OpenAsync("ann");
        var page = ann.Page;
        // A heading from the toolbar's picker, then bold typed with the shortcut, as a person would.
        await ann.TypeAtAsync(0, "Plan");
        await page.ClickAsync(".ql-toolbar .ql-header .ql-picker-label");
        await page.ClickAsync(".ql-toolbar .ql-header .ql-picker-item[data-value='1']");
        await page.Keyboard.PressAsync("End");
        await ann.TypeAsync("\nWe ship ");
        await page.Keyboard.PressAsync("Control+b");
        await ann.TypeAsync("today");
        await page.Keyboard.PressAsync("Control+b");
        await ann.TypeAsync(" *or* not.");
        await ann.WaitStatusAsync("saved");
        Assert.Equal("""[{"insert":"Plan"},{"attributes":{"header":1},"insert":"\n"},{"insert":"We ship "},{"attributes":{"bold":true},"insert":"today"},{"insert":" *or* not.\n"}]""",
            await ann.ContentsJsonAsync());

        var waiting = page.WaitForDownloadAsync();
        await page.ClickAsync("#export-markdown");
        var download = await waiting;

        Assert.Equal($"{Doc}.md", download.SuggestedFilename);
        Assert.Equal("# Plan\n\nWe ship **today** \\*or\\* not.\n", await File.ReadAllTextAsync((await download.PathAsync())!));
    }
}
