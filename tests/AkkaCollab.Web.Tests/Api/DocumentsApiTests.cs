using System.Net;
using System.Text.Json;
using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Web.Tests.Infrastructure;

namespace AkkaCollab.Web.Tests.Api;

[Collection(ServerCollection.Name)]
public sealed class DocumentsApiTests(ServerFixture fixture)
{
    private CollabServer Server => fixture.Server;

    private async Task<string> Document(params Delta[] edits)
    {
        var doc = "rest-" + Guid.NewGuid().ToString("N")[..8];
        var client = await OtClient.Start(Server, doc, "writer");
        foreach (var edit in edits)
        {
            await client.Edit(edit);
            await client.ProcessUntil(() => client.Synchronized, TimeSpan.FromSeconds(10));
        }
        await client.DisposeAsync();
        return doc;
    }

    [Fact]
    public async Task A_document_is_served_at_head_and_at_any_past_revision()
    {
        var doc = await Document(Delta.Empty.Insert("one\n"), Delta.Empty.Insert("two "), Delta.Empty.Retain(4).Insert("three "));

        var head = await Server.Document(doc);
        using var past = JsonDocument.Parse(await Server.Http.GetStringAsync($"/api/docs/{doc}?revision=1"));

        Assert.Equal((3L, Delta.Empty.Insert("two three one\n")), head);
        Assert.Equal(doc, past.RootElement.GetProperty("id").GetString());
        Assert.Equal(1, past.RootElement.GetProperty("revision").GetInt64());
        Assert.Equal(Delta.Empty.Insert("one\n"), Delta.FromJson(past.RootElement.GetProperty("delta").GetRawText()));
    }

    [Fact]
    public async Task History_lists_the_ops_between_from_and_to_with_when_the_authority_applied_each()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var doc = await Document(Delta.Empty.Insert("a"), Delta.Empty.Insert("b"), Delta.Empty.Insert("c"));
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        using var json = JsonDocument.Parse(await Server.Http.GetStringAsync($"/api/docs/{doc}/ops?from=2&to=3"));

        var ops = json.RootElement.GetProperty("ops").EnumerateArray().ToList();
        Assert.Equal([2L, 3L], ops.Select(o => o.GetProperty("rev").GetInt64()));
        Assert.Equal(Delta.Empty.Insert("b"), Delta.FromJson(ops[0].GetProperty("delta").GetRawText()));
        Assert.Equal("writer", ops[0].GetProperty("client").GetString());
        Assert.All(ops, o => Assert.InRange(o.GetProperty("at").GetInt64(), before, after));
    }

    [Fact]
    public async Task The_html_export_escapes_text_and_maps_formats_to_safe_tags()
    {
        var doc = await Document(Delta.Empty
            .Insert("<script>alert(1)</script> & \"q\"", AttributeMap.From(("bold", true)))
            .Insert("\n", AttributeMap.From(("header", 1)))
            .Insert("site", AttributeMap.From(("link", "https://example.com/?a=1&b=<2>")))
            .Insert("\n"));

        var html = await Server.Http.GetStringAsync($"/api/docs/{doc}/export?format=html");
        var text = await Server.Http.GetStringAsync($"/api/docs/{doc}/export?format=text");

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("<h1><strong>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</strong></h1>", html);
        Assert.Contains("<p><a href=\"https://example.com/?a=1&amp;b=&lt;2&gt;\" rel=\"noopener noreferrer nofollow\">site</a></p>", html);
        Assert.Equal("<script>alert(1)</script> & \"q\"\nsite\n", text);
    }

    [Theory]
    [InlineData("format=html", "text/html", "html", "<h1>Plan <strong>ü &lt;1&gt;</strong></h1><ol><li>step</li></ol>")]
    [InlineData("", "text/html", "html", "<h1>Plan <strong>ü &lt;1&gt;</strong></h1><ol><li>step</li></ol>")]
    [InlineData("format=text", "text/plain", "txt", "Plan ü <1>\nstep\n")]
    [InlineData("format=markdown", "text/markdown", "md", "# Plan **ü \\<1>**\n\n1. step\n")]
    [InlineData("format=md", "text/markdown", "md", "# Plan **ü \\<1>**\n\n1. step\n")]
    public async Task Every_export_format_is_a_utf8_download_named_after_the_document(string query, string mediaType, string extension, string body)
    {
        var doc = await Document(Delta.Empty
            .Insert("Plan ").Insert("ü <1>", AttributeMap.From(("bold", true))).Insert("\n", AttributeMap.From(("header", 1)))
            .Insert("step").Insert("\n", AttributeMap.From(("list", "ordered"))));

        using var response = await Server.Http.GetAsync($"/api/docs/{doc}/export?{query}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal($"attachment; filename=\"{doc}.{extension}\"; filename*=UTF-8''{doc}.{extension}", Assert.Single(response.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal($"{doc}.{extension}", response.Content.Headers.ContentDisposition?.FileNameStar);
        if (extension == "html") Assert.Contains($"<body>{body}</body>", text);
        else Assert.Equal(body, text);
    }

    [Fact]
    public async Task An_unknown_export_format_is_a_400_problem_naming_the_accepted_ones_and_no_download()
    {
        using var response = await Server.Http.GetAsync("/api/docs/ok/export?format=pdf");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bad_message", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("format: must be html, text, markdown or md, got 'pdf'", problem.RootElement.GetProperty("detail").GetString());
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Theory]
    [InlineData("/api/docs/bad%20id", "bad_message", "document id")]
    [InlineData("/api/docs/ok?revision=-1", "bad_revision", "revision")]
    [InlineData("/api/docs/ok?revision=abc", "bad_revision", "revision")]
    [InlineData("/api/docs/ok?revision=99", "bad_revision", "revision")]
    [InlineData("/api/docs/ok/ops?from=0", "bad_revision", "from")]
    [InlineData("/api/docs/ok/ops?from=5&to=2", "bad_revision", "to")]
    [InlineData("/api/docs/ok/export?format=PDF", "bad_message", "format")]
    public async Task Bad_input_is_a_400_problem_naming_it(string url, string code, string named)
    {
        var response = await Server.Http.GetAsync(url);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Contains(named, problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/docs/nocache")]
    [InlineData("/api/docs/nocache/ops")]
    [InlineData("/api/docs/nocache/export?format=html")]
    [InlineData("/api/docs/bad%20id")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Every_api_response_says_no_store(string url)
    {
        var response = await Server.Http.GetAsync(url);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control was '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task Readyz_reports_the_cluster_member_and_the_journal()
    {
        using var json = JsonDocument.Parse(await Server.Http.GetStringAsync("/readyz"));

        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("cluster-member-up").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("akka.persistence.journal.sql").GetProperty("status").GetString());
    }
}
