using static AkkaCollab.Tests.Shared.TextDiff;

namespace AkkaCollab.Tests.Shared;

/// <summary>
/// fast-diff 1.3's cleanup passes, ported step for step (including where they may split a
/// surrogate pair) because quill-delta's diff output depends on every tie-break here.
/// </summary>
internal static class TextDiffCleanup
{
    /// <summary>Reorders and merges like edit sections and merges equalities (diff_cleanupMerge).</summary>
    internal static void Merge(List<Part> diffs, bool fixUnicode)
    {
        diffs.Add(new Part(Equal, string.Empty)); // Dummy entry at the end.
        var pointer = 0;
        var countDelete = 0;
        var countInsert = 0;
        var textDelete = string.Empty;
        var textInsert = string.Empty;
        while (pointer < diffs.Count)
        {
            if (pointer < diffs.Count - 1 && diffs[pointer].Text.Length == 0)
            {
                diffs.RemoveAt(pointer);
                continue;
            }
            switch (diffs[pointer].Kind)
            {
                case Insert:
                    countInsert++;
                    textInsert += diffs[pointer].Text;
                    pointer++;
                    break;
                case Delete:
                    countDelete++;
                    textDelete += diffs[pointer].Text;
                    pointer++;
                    break;
                default:
                    var previousEquality = pointer - countInsert - countDelete - 1;
                    if (fixUnicode)
                    {
                        // Shave stray surrogates off the equalities around the edits so that no
                        // tuple boundary splits a surrogate pair.
                        if (previousEquality >= 0 && EndsWithPairStart(diffs[previousEquality].Text))
                        {
                            var previous = diffs[previousEquality].Text;
                            var stray = previous[^1..];
                            diffs[previousEquality].Text = previous[..^1];
                            textDelete = stray + textDelete;
                            textInsert = stray + textInsert;
                            if (diffs[previousEquality].Text.Length == 0)
                            {
                                diffs.RemoveAt(previousEquality);
                                pointer--;
                                var k = previousEquality - 1;
                                if (k >= 0 && diffs[k].Kind == Insert)
                                {
                                    countInsert++;
                                    textInsert = diffs[k].Text + textInsert;
                                    k--;
                                }
                                if (k >= 0 && diffs[k].Kind == Delete)
                                {
                                    countDelete++;
                                    textDelete = diffs[k].Text + textDelete;
                                    k--;
                                }
                                previousEquality = k;
                            }
                        }
                        if (StartsWithPairEnd(diffs[pointer].Text))
                        {
                            var stray = diffs[pointer].Text[..1];
                            diffs[pointer].Text = diffs[pointer].Text[1..];
                            textDelete += stray;
                            textInsert += stray;
                        }
                    }
                    if (pointer < diffs.Count - 1 && diffs[pointer].Text.Length == 0)
                    {
                        // An empty equality not at the end: keep collecting until the next one.
                        diffs.RemoveAt(pointer);
                        break;
                    }
                    if (textDelete.Length > 0 || textInsert.Length > 0)
                    {
                        if (textDelete.Length > 0 && textInsert.Length > 0)
                        {
                            var commonLength = CommonPrefix(textInsert, textDelete);
                            if (commonLength != 0)
                            {
                                if (previousEquality >= 0)
                                {
                                    diffs[previousEquality].Text += textInsert[..commonLength];
                                }
                                else
                                {
                                    diffs.Insert(0, new Part(Equal, textInsert[..commonLength]));
                                    pointer++;
                                }
                                textInsert = textInsert[commonLength..];
                                textDelete = textDelete[commonLength..];
                            }
                            commonLength = CommonSuffix(textInsert, textDelete);
                            if (commonLength != 0)
                            {
                                diffs[pointer].Text = textInsert[(textInsert.Length - commonLength)..] + diffs[pointer].Text;
                                textInsert = textInsert[..(textInsert.Length - commonLength)];
                                textDelete = textDelete[..(textDelete.Length - commonLength)];
                            }
                        }
                        var n = countInsert + countDelete;
                        diffs.RemoveRange(pointer - n, n);
                        pointer -= n;
                        if (textDelete.Length > 0)
                        {
                            diffs.Insert(pointer++, new Part(Delete, textDelete));
                        }
                        if (textInsert.Length > 0)
                        {
                            diffs.Insert(pointer++, new Part(Insert, textInsert));
                        }
                    }
                    if (pointer != 0 && diffs[pointer - 1].Kind == Equal)
                    {
                        diffs[pointer - 1].Text += diffs[pointer].Text;
                        diffs.RemoveAt(pointer);
                    }
                    else
                    {
                        pointer++;
                    }
                    countInsert = 0;
                    countDelete = 0;
                    textDelete = string.Empty;
                    textInsert = string.Empty;
                    break;
            }
        }
        if (diffs.Count > 0 && diffs[^1].Text.Length == 0)
        {
            diffs.RemoveAt(diffs.Count - 1);
        }

        // Second pass: single edits surrounded by equalities that can shift sideways to
        // eliminate an equality, e.g. A<ins>BA</ins>C -> <ins>AB</ins>AC.
        var changes = false;
        pointer = 1;
        while (pointer < diffs.Count - 1)
        {
            if (diffs[pointer - 1].Kind == Equal && diffs[pointer + 1].Kind == Equal)
            {
                var before = diffs[pointer - 1].Text;
                var edit = diffs[pointer].Text;
                var after = diffs[pointer + 1].Text;
                if (edit.EndsWith(before, StringComparison.Ordinal))
                {
                    diffs[pointer].Text = before + edit[..(edit.Length - before.Length)];
                    diffs[pointer + 1].Text = before + after;
                    diffs.RemoveAt(pointer - 1);
                    changes = true;
                }
                else if (edit.StartsWith(after, StringComparison.Ordinal))
                {
                    diffs[pointer - 1].Text = before + after;
                    diffs[pointer].Text = edit[after.Length..] + after;
                    diffs.RemoveAt(pointer + 1);
                    changes = true;
                }
            }
            pointer++;
        }
        if (changes)
        {
            Merge(diffs, fixUnicode);
        }
    }

    internal static bool EndsWithPairStart(string s) => s.Length > 0 && char.IsHighSurrogate(s[^1]);

    internal static bool StartsWithPairEnd(string s) => s.Length > 0 && char.IsLowSurrogate(s[0]);
}
