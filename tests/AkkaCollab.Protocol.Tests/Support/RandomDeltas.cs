using System.Text;
using AkkaCollab.Protocol.Deltas;
using EmbedObject = AkkaCollab.Protocol.Deltas.Embed;

namespace AkkaCollab.Protocol.Tests.Support;

/// <summary>
/// A seeded generator of documents and changes for property tests (and other suites):
/// text with surrogate pairs and newlines, embeds, attributes (optionally with null
/// removals), and changes whose retains and deletes fit a given document.
/// The same seed always gives the same sequence.
/// </summary>
public sealed class RandomDeltas(int seed)
{
    private static readonly string[] Pieces =
        ["a", "b", "c", "x", "y", " ", "\n", "ab", "hello", "é", "\u4e2d", "😀", "👍🏽", "\U0001F600\U0001F601", "\0"];

    private static readonly string[] Formats = ["bold", "italic", "color", "link", "header", "font"];

    private static readonly object[] Values = [true, "red", "blue", "https://example.com", 1, 2, "serif"];

    /// <summary>The seed this generator was made from.</summary>
    public int Seed { get; } = seed;

    /// <summary>The underlying random source.</summary>
    public Random Random { get; } = new(seed);

    /// <summary>The seed from the environment variable AKKACOLLAB_SEED, or a fresh one.</summary>
    public static int SeedFromEnvironment()
    {
        var configured = Environment.GetEnvironmentVariable("AKKACOLLAB_SEED");
        return int.TryParse(configured, out var seed) ? seed : Random.Shared.Next();
    }

    /// <summary>Whether to put null (removal) values on inserts too (quill allows it; documents never have them here).</summary>
    public bool NullsOnInserts { get; init; }

    /// <summary>
    /// Whether changes may retain or delete up to the middle of a surrogate pair (a hostile
    /// client can; Quill never does, and quill-delta's diff crashes on the result). Default true.
    /// </summary>
    public bool SplitSurrogatePairs { get; init; } = true;

    /// <summary>Random text of 1..maxLength pieces, including surrogate pairs and newlines.</summary>
    public string Text(int maxPieces = 4)
    {
        var text = new StringBuilder();
        var count = Random.Next(1, maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            text.Append(Pieces[Random.Next(Pieces.Length)]);
        }
        return text.ToString();
    }

    /// <summary>A random embed (image, video or formula).</summary>
    public EmbedObject Embed() => Random.Next(3) switch
    {
        0 => EmbedObject.Create("image", Random.Next(2) == 0 ? "https://example.com/a.png" : "/b.png"),
        1 => EmbedObject.Create("video", "https://example.com/v"),
        _ => EmbedObject.Create("formula", "e=mc^2"),
    };

    /// <summary>Random attributes or null; nulls (removals) appear only when <paramref name="allowNull"/>.</summary>
    public AttributeMap? Attributes(bool allowNull)
    {
        if (Random.Next(3) == 0)
        {
            return null;
        }
        var count = Random.Next(1, 3);
        var pairs = new (string, object?)[count];
        for (var i = 0; i < count; i++)
        {
            var value = allowNull && Random.Next(3) == 0 ? null : Values[Random.Next(Values.Length)];
            pairs[i] = (Formats[Random.Next(Formats.Length)], value);
        }
        return AttributeMap.From(pairs);
    }

    /// <summary>A random document (inserts only) of up to <paramref name="maxOps"/> inserts.</summary>
    public Delta Document(int maxOps = 6)
    {
        var builder = new DeltaBuilder();
        var count = Random.Next(0, maxOps + 1);
        for (var i = 0; i < count; i++)
        {
            if (Random.Next(5) == 0)
            {
                builder.Insert(Embed(), Attributes(allowNull: false));
            }
            else
            {
                builder.Insert(Text(), Attributes(allowNull: false));
            }
        }
        return builder.ToDelta();
    }

    /// <summary>A random change that applies to a document of length <paramref name="baseLength"/> (its retains and deletes fit).</summary>
    public Delta Change(int baseLength, int maxOps = 6) => Change(baseLength, null, maxOps);

    /// <summary>A random change that applies to <paramref name="document"/>.</summary>
    public Delta Change(Delta document, int maxOps = 6) =>
        Change(document.Length(), SplitSurrogatePairs ? null : PlaceholderText(document), maxOps);

    private Delta Change(int baseLength, string? text, int maxOps)
    {
        var builder = new DeltaBuilder();
        var position = 0;
        var count = Random.Next(1, maxOps + 1);
        for (var i = 0; i < count; i++)
        {
            var left = baseLength - position;
            switch (Random.Next(3))
            {
                case 0:
                    if (Random.Next(4) == 0)
                    {
                        builder.Insert(Embed(), Attributes(NullsOnInserts));
                    }
                    else
                    {
                        builder.Insert(Text(), Attributes(NullsOnInserts));
                    }
                    break;
                case 1 when left > 0:
                    var retain = Whole(text, position, Random.Next(1, Math.Min(left, 8) + 1));
                    builder.Retain(retain, Attributes(allowNull: true));
                    position += retain;
                    break;
                case 2 when left > 0:
                    var delete = Whole(text, position, Random.Next(1, Math.Min(left, 5) + 1));
                    builder.Delete(delete);
                    position += delete;
                    break;
            }
        }
        // Sometimes keep formatting up to the very end, as a browser's format-all does.
        if (position < baseLength && Random.Next(4) == 0)
        {
            builder.Retain(baseLength - position, Attributes(allowNull: true));
        }
        return builder.Chop().ToDelta();
    }

    /// <summary>Extends a span by one when it would end between the halves of a surrogate pair.</summary>
    private static int Whole(string? text, int position, int length)
    {
        var end = position + length;
        return text is not null && end < text.Length && char.IsHighSurrogate(text[end - 1]) && char.IsLowSurrogate(text[end])
            ? length + 1
            : length;
    }

    private static string PlaceholderText(Delta document)
    {
        var text = new StringBuilder();
        foreach (var op in document.Ops)
        {
            text.Append(op is InsertOp { Text: { } s } ? s : "\0");
        }
        return text.ToString();
    }
}
