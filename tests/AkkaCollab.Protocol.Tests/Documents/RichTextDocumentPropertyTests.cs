using AkkaCollab.Protocol.Deltas;
using AkkaCollab.Protocol.Documents;
using Xunit.Abstractions;

namespace AkkaCollab.Protocol.Tests.Documents;

/// <summary>
/// Seeded random tests: the rope must behave exactly like composing deltas, on documents
/// with formats and embeds, over long sequences of changes. Every test prints its seed;
/// set AKKACOLLAB_SEED to replay one.
/// </summary>
public sealed class RichTextDocumentPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Apply_equals_Delta_Compose_over_long_random_sequences()
    {
        var seed = Seeds.Next();
        output.WriteLine($"seed {seed} (replay with AKKACOLLAB_SEED={seed})");
        var random = new RandomDocuments(seed);
        var applied = 0;
        var maxHeight = 0;
        for (var sequence = 0; sequence < 30; sequence++)
        {
            // Small documents exercise the edges; large ones need several tree levels.
            var start = random.Document(sequence % 3 == 0 ? 0 : sequence % 2 == 0 ? random.Next(200) : 40_000 + random.Next(20_000));
            var expected = start;
            var document = RichTextDocument.FromDelta(start);
            Assert.Equal(start, document.ToDelta());
            for (var step = 0; step < 300; step++)
            {
                var change = random.Change(expected.Length());
                expected = expected.Compose(change);
                document = document.Apply(change);
                var context = $"seed {seed}, sequence {sequence}, step {step}, change {change.ToJson()}";
                Assert.True(expected == document.ToDelta(), $"Apply differs from Compose at {context}");
                Assert.Equal(expected.Length(), document.Length);
                Assert.Null(RopeInvariants.FirstViolation(document) is { } violation ? $"{violation} at {context}" : null);
                applied++;
                maxHeight = Math.Max(maxHeight, RopeInvariants.Height(document));
            }
            Assert.Equal(expected.PlainText(), document.PlainText());
        }
        output.WriteLine($"{applied} random changes applied, all equal to Delta.Compose; tallest tree {maxHeight}");
        // The large documents must have grown trees of several levels, or the merge and split
        // paths between levels went untested.
        Assert.True(maxHeight >= 3, $"the tallest tree had height {maxHeight} (seed {seed})");
    }

    [Fact]
    public void Earlier_versions_are_unchanged_after_Apply()
    {
        var seed = Seeds.Next();
        output.WriteLine($"seed {seed} (replay with AKKACOLLAB_SEED={seed})");
        var random = new RandomDocuments(seed);
        var document = RichTextDocument.FromDelta(random.Document(20_000));
        var versions = new List<(RichTextDocument Document, Delta Content, string Text)>
        {
            (document, document.ToDelta(), document.PlainText()),
        };
        for (var step = 0; step < 400; step++)
        {
            document = document.Apply(random.Change(document.Length));
            versions.Add((document, document.ToDelta(), document.PlainText()));
        }
        for (var k = 0; k < versions.Count; k++)
        {
            var (version, content, text) = versions[k];
            Assert.True(content == version.ToDelta(), $"version {k} changed after later Apply calls (seed {seed})");
            Assert.Equal(text, version.PlainText());
        }
    }

    [Fact]
    public void Slice_equals_Delta_Slice_on_random_documents()
    {
        var seed = Seeds.Next();
        output.WriteLine($"seed {seed} (replay with AKKACOLLAB_SEED={seed})");
        var random = new RandomDocuments(seed);
        for (var round = 0; round < 40; round++)
        {
            var content = random.Document(random.Next(20_000));
            var document = RichTextDocument.FromDelta(content);
            Assert.Null(RopeInvariants.FirstViolation(document));
            for (var slice = 0; slice < 20; slice++)
            {
                var start = random.Next(content.Length() + 1);
                var end = start + random.Next(content.Length() - start + 2);
                Assert.True(content.Slice(start, end) == document.Slice(start, end),
                    $"Slice({start}, {end}) differs (seed {seed}, round {round})");
            }
        }
    }
}
