namespace AkkaCollab.Tests.Shared;

/// <summary>
/// A text diff with the exact algorithm and tie-breaking of the npm package fast-diff 1.3
/// (itself diff-match-patch by Neil Fraser): common prefix/suffix trimming, containment and
/// half-match speedups, Myers' bisection, then merge and semantic cleanup (see
/// <see cref="TextDiffCleanup"/> and <see cref="TextDiffSemantic"/>). quill-delta's diff runs it with cleanup on, and so do we,
/// so that both sides produce the same ops.
/// </summary>
internal static class TextDiff
{
    internal const int Delete = -1;
    internal const int Insert = 1;
    internal const int Equal = 0;

    /// <summary>One diff component; mutable because the cleanup passes rewrite in place.</summary>
    internal sealed class Part(int kind, string text)
    {
        internal int Kind = kind;
        internal string Text = text;

        internal void Deconstruct(out int kind, out string text)
        {
            kind = Kind;
            text = Text;
        }
    }

    /// <summary>fast-diff's <c>diff(text1, text2, undefined, true)</c>, as quill-delta calls it.</summary>
    internal static List<Part> Compute(string text1, string text2) => DiffMain(text1, text2, cleanup: true, fixUnicode: true);

    private static List<Part> DiffMain(string text1, string text2, bool cleanup = false, bool fixUnicode = false)
    {
        if (text1 == text2)
        {
            return text1.Length > 0 ? [new Part(Equal, text1)] : [];
        }

        var commonLength = CommonPrefix(text1, text2);
        var commonPrefix = text1[..commonLength];
        text1 = text1[commonLength..];
        text2 = text2[commonLength..];

        commonLength = CommonSuffix(text1, text2);
        var commonSuffix = text1[(text1.Length - commonLength)..];
        text1 = text1[..(text1.Length - commonLength)];
        text2 = text2[..(text2.Length - commonLength)];

        var diffs = ComputeMiddle(text1, text2);
        if (commonPrefix.Length > 0)
        {
            diffs.Insert(0, new Part(Equal, commonPrefix));
        }
        if (commonSuffix.Length > 0)
        {
            diffs.Add(new Part(Equal, commonSuffix));
        }
        TextDiffCleanup.Merge(diffs, fixUnicode);
        if (cleanup)
        {
            TextDiffSemantic.Semantic(diffs);
        }
        return diffs;
    }

    private static List<Part> ComputeMiddle(string text1, string text2)
    {
        if (text1.Length == 0)
        {
            return [new Part(Insert, text2)];
        }
        if (text2.Length == 0)
        {
            return [new Part(Delete, text1)];
        }

        var longText = text1.Length > text2.Length ? text1 : text2;
        var shortText = text1.Length > text2.Length ? text2 : text1;
        var i = longText.IndexOf(shortText, StringComparison.Ordinal);
        if (i != -1)
        {
            // The shorter text is inside the longer one.
            var outer = text1.Length > text2.Length ? Delete : Insert;
            return
            [
                new Part(outer, longText[..i]),
                new Part(Equal, shortText),
                new Part(outer, longText[(i + shortText.Length)..]),
            ];
        }
        if (shortText.Length == 1)
        {
            // After the containment check the single character cannot be an equality.
            return [new Part(Delete, text1), new Part(Insert, text2)];
        }

        var halfMatch = HalfMatch(text1, text2);
        if (halfMatch is { } hm)
        {
            var diffsA = DiffMain(hm.Text1A, hm.Text2A);
            var diffsB = DiffMain(hm.Text1B, hm.Text2B);
            diffsA.Add(new Part(Equal, hm.Common));
            diffsA.AddRange(diffsB);
            return diffsA;
        }
        return Bisect(text1, text2);
    }

    /// <summary>Finds the middle snake (Myers 1986) and recurses on both halves.</summary>
    private static List<Part> Bisect(string text1, string text2)
    {
        var length1 = text1.Length;
        var length2 = text2.Length;
        var maxD = (length1 + length2 + 1) / 2;
        var vOffset = maxD;
        var vLength = 2 * maxD;
        var v1 = new int[vLength];
        var v2 = new int[vLength];
        Array.Fill(v1, -1);
        Array.Fill(v2, -1);
        v1[vOffset + 1] = 0;
        v2[vOffset + 1] = 0;
        var delta = length1 - length2;
        // With an odd total length the front path collides with the reverse path.
        var front = delta % 2 != 0;
        int k1Start = 0, k1End = 0, k2Start = 0, k2End = 0;
        for (var d = 0; d < maxD; d++)
        {
            for (var k1 = -d + k1Start; k1 <= d - k1End; k1 += 2)
            {
                var k1Offset = vOffset + k1;
                var x1 = k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1])
                    ? v1[k1Offset + 1]
                    : v1[k1Offset - 1] + 1;
                var y1 = x1 - k1;
                while (x1 < length1 && y1 < length2 && text1[x1] == text2[y1])
                {
                    x1++;
                    y1++;
                }
                v1[k1Offset] = x1;
                if (x1 > length1)
                {
                    k1End += 2;
                }
                else if (y1 > length2)
                {
                    k1Start += 2;
                }
                else if (front)
                {
                    var k2Offset = vOffset + delta - k1;
                    if (k2Offset >= 0 && k2Offset < vLength && v2[k2Offset] != -1 && x1 >= length1 - v2[k2Offset])
                    {
                        return BisectSplit(text1, text2, x1, y1);
                    }
                }
            }

            for (var k2 = -d + k2Start; k2 <= d - k2End; k2 += 2)
            {
                var k2Offset = vOffset + k2;
                var x2 = k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1])
                    ? v2[k2Offset + 1]
                    : v2[k2Offset - 1] + 1;
                var y2 = x2 - k2;
                while (x2 < length1 && y2 < length2 && text1[length1 - x2 - 1] == text2[length2 - y2 - 1])
                {
                    x2++;
                    y2++;
                }
                v2[k2Offset] = x2;
                if (x2 > length1)
                {
                    k2End += 2;
                }
                else if (y2 > length2)
                {
                    k2Start += 2;
                }
                else if (!front)
                {
                    var k1Offset = vOffset + delta - k2;
                    if (k1Offset >= 0 && k1Offset < vLength && v1[k1Offset] != -1)
                    {
                        var x1 = v1[k1Offset];
                        var y1 = vOffset + x1 - k1Offset;
                        if (x1 >= length1 - x2)
                        {
                            return BisectSplit(text1, text2, x1, y1);
                        }
                    }
                }
            }
        }
        // No commonality at all.
        return [new Part(Delete, text1), new Part(Insert, text2)];
    }

    private static List<Part> BisectSplit(string text1, string text2, int x, int y)
    {
        // Divergence from fast-diff: with a lone surrogate next to a surrogate pair (possible
        // when an embed or an edit splits a pair) the split can make no progress, and fast-diff
        // recurses until the stack overflows (quill-delta's diff throws RangeError). Replace the
        // whole middle instead: still a correct diff, and the server does not crash.
        if ((x == 0 && y == 0) || (x == text1.Length && y == text2.Length))
        {
            return [new Part(Delete, text1), new Part(Insert, text2)];
        }
        var diffs = DiffMain(text1[..x], text2[..y]);
        diffs.AddRange(DiffMain(text1[x..], text2[y..]));
        return diffs;
    }

    /// <summary>The common prefix length, never ending inside a surrogate pair.</summary>
    internal static int CommonPrefix(string text1, string text2)
    {
        var max = Math.Min(text1.Length, text2.Length);
        var length = text1.AsSpan(0, max).CommonPrefixLength(text2.AsSpan(0, max));
        if (length > 0 && char.IsHighSurrogate(text1[length - 1]))
        {
            length--;
        }
        return length;
    }

    /// <summary>The common suffix length, never starting inside a surrogate pair.</summary>
    internal static int CommonSuffix(string text1, string text2)
    {
        var max = Math.Min(text1.Length, text2.Length);
        var length = 0;
        while (length < max && text1[text1.Length - 1 - length] == text2[text2.Length - 1 - length])
        {
            length++;
        }
        if (length > 0 && char.IsLowSurrogate(text1[text1.Length - length]))
        {
            length--;
        }
        return length;
    }

    private readonly record struct HalfMatchResult(string Text1A, string Text1B, string Text2A, string Text2B, string Common);

    /// <summary>Do the texts share a substring at least half the longer text's length? (May give a non-minimal diff.)</summary>
    private static HalfMatchResult? HalfMatch(string text1, string text2)
    {
        var longText = text1.Length > text2.Length ? text1 : text2;
        var shortText = text1.Length > text2.Length ? text2 : text1;
        if (longText.Length < 4 || shortText.Length * 2 < longText.Length)
        {
            return null;
        }
        // Seeds at the second and the third quarter.
        var hm1 = HalfMatchAt(longText, shortText, (longText.Length + 3) / 4);
        var hm2 = HalfMatchAt(longText, shortText, (longText.Length + 1) / 2);
        HalfMatchResult hm;
        if (hm1 is null && hm2 is null)
        {
            return null;
        }
        else if (hm2 is null)
        {
            hm = hm1!.Value;
        }
        else if (hm1 is null)
        {
            hm = hm2.Value;
        }
        else
        {
            hm = hm1.Value.Common.Length > hm2.Value.Common.Length ? hm1.Value : hm2.Value;
        }
        // HalfMatchAt answers in (long, short) order; put it back in (text1, text2) order.
        return text1.Length > text2.Length
            ? hm
            : new HalfMatchResult(hm.Text2A, hm.Text2B, hm.Text1A, hm.Text1B, hm.Common);
    }

    private static HalfMatchResult? HalfMatchAt(string longText, string shortText, int i)
    {
        var seed = longText.Substring(i, Math.Min(longText.Length / 4, longText.Length - i));
        var j = -1;
        var bestCommon = string.Empty;
        string bestLongA = "", bestLongB = "", bestShortA = "", bestShortB = "";
        while (true)
        {
            j = j + 1 > shortText.Length ? -1 : shortText.IndexOf(seed, j + 1, StringComparison.Ordinal);
            if (j == -1)
            {
                break;
            }
            var prefixLength = CommonPrefix(longText[i..], shortText[j..]);
            var suffixLength = CommonSuffix(longText[..i], shortText[..j]);
            if (bestCommon.Length < suffixLength + prefixLength)
            {
                bestCommon = shortText.Substring(j - suffixLength, suffixLength) + shortText.Substring(j, prefixLength);
                bestLongA = longText[..(i - suffixLength)];
                bestLongB = longText[(i + prefixLength)..];
                bestShortA = shortText[..(j - suffixLength)];
                bestShortB = shortText[(j + prefixLength)..];
            }
        }
        return bestCommon.Length * 2 >= longText.Length
            ? new HalfMatchResult(bestLongA, bestLongB, bestShortA, bestShortB, bestCommon)
            : null;
    }
}
