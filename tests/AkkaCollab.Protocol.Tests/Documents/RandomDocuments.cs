using AkkaCollab.Protocol.Deltas;

namespace AkkaCollab.Protocol.Tests.Documents;

/// <summary>
/// Seeded generators of documents and of changes that fit them: formatted text (with
/// surrogate pairs and newlines), embeds, and retains that set and remove formats.
/// </summary>
internal sealed class RandomDocuments(int seed)
{
    private static readonly string[] Alphabet = ["a", "b", "c", " ", "\n", "é", "😀", "xyz"];

    private static readonly AttributeMap?[] Formats =
    [
        null,
        null,
        AttributeMap.From(("bold", true)),
        AttributeMap.From(("italic", true)),
        AttributeMap.From(("bold", true), ("italic", true)),
        AttributeMap.From(("color", "#ff0000")),
        AttributeMap.From(("link", "https://example.com/a")),
        AttributeMap.From(("header", 2)),
        AttributeMap.FromJson("""{"list":{"type":"ordered","depth":1}}"""),
    ];

    // Retains may also remove formats (null values), and inserts may carry nulls as quill allows.
    private static readonly AttributeMap?[] RetainFormats =
    [
        .. Formats,
        AttributeMap.FromJson("""{"bold":null}"""),
        AttributeMap.FromJson("""{"bold":null,"color":"#00ff00"}"""),
        AttributeMap.FromJson("""{"italic":null,"link":null}"""),
    ];

    private static readonly Embed[] Embeds =
    [
        Embed.Create("image", "https://example.com/cat.png"),
        Embed.Create("formula", "e=mc^2"),
        Embed.FromJson("""{"video":{"src":"v.mp4","w":3}}"""),
    ];

    private readonly Random random = new(seed);

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    public string Text(int length)
    {
        var text = new System.Text.StringBuilder(length + 2);
        while (text.Length < length)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }
        return text.ToString();
    }

    /// <summary>A document of roughly <paramref name="length"/> units, in runs of mixed sizes.</summary>
    public Delta Document(int length)
    {
        var builder = new DeltaBuilder();
        var built = 0;
        while (built < length)
        {
            if (random.Next(10) == 0)
            {
                builder.Insert(Embeds[random.Next(Embeds.Length)], Format(Formats));
                built++;
                continue;
            }
            var size = 1 + (random.Next(4) == 0 ? random.Next(2000) : random.Next(40));
            var text = Text(size);
            builder.Insert(text, Format(Formats));
            built += text.Length;
        }
        return builder.ToDelta();
    }

    /// <summary>A change whose retains and deletes stay within a document of <paramref name="documentLength"/> units.</summary>
    public Delta Change(int documentLength)
    {
        var builder = new DeltaBuilder();
        var remaining = documentLength;
        var steps = 1 + random.Next(5);
        for (var step = 0; step < steps; step++)
        {
            switch (random.Next(8))
            {
                case 0 or 1 or 2:
                    var skip = Count(remaining);
                    builder.Retain(skip);
                    remaining -= skip;
                    break;
                case 3:
                    var formatted = Count(remaining);
                    builder.Retain(formatted, Format(RetainFormats));
                    remaining -= formatted;
                    break;
                case 4 or 5:
                    var deleted = Count(remaining);
                    builder.Delete(deleted);
                    remaining -= deleted;
                    break;
                case 6:
                    builder.Insert(Embeds[random.Next(Embeds.Length)], Format(Formats));
                    break;
                default:
                    var size = 1 + (random.Next(10) == 0 ? random.Next(3000) : random.Next(8));
                    builder.Insert(Text(size), Format(random.Next(8) == 0 ? RetainFormats : Formats));
                    break;
            }
        }
        return builder.Chop().ToDelta();
    }

    private AttributeMap? Format(AttributeMap?[] pool) => pool[random.Next(pool.Length)];

    /// <summary>Mostly short counts, sometimes long ones that cross many runs and leaves.</summary>
    private int Count(int remaining)
    {
        if (remaining == 0)
        {
            return 0;
        }
        var limit = random.Next(4) == 0 ? remaining : Math.Min(remaining, 50);
        return random.Next(limit + 1);
    }
}
