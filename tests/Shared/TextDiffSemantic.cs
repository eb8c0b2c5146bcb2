using static AkkaCollab.Tests.Shared.TextDiff;

namespace AkkaCollab.Tests.Shared;

/// <summary>
/// fast-diff 1.3's semantic cleanup (diff_cleanupSemantic and diff_cleanupSemanticLossless),
/// ported step for step: quill-delta runs it on every diff, so its choices decide the ops.
/// </summary>
internal static class TextDiffSemantic
{
    /// <summary>Eliminates semantically trivial equalities, then overlaps (diff_cleanupSemantic).</summary>
    internal static void Semantic(List<Part> diffs)
    {
        var changes = false;
        // A stack with an explicit length that fast-diff lets go negative (JavaScript then
        // stores under negative keys), so a dictionary reproduces it exactly.
        var equalities = new Dictionary<int, int>();
        var equalitiesLength = 0;
        string? lastEquality = null;
        var pointer = 0;
        int insertions1 = 0, deletions1 = 0, insertions2 = 0, deletions2 = 0;
        while (pointer < diffs.Count)
        {
            if (diffs[pointer].Kind == Equal)
            {
                equalities[equalitiesLength++] = pointer;
                insertions1 = insertions2;
                deletions1 = deletions2;
                insertions2 = 0;
                deletions2 = 0;
                lastEquality = diffs[pointer].Text;
            }
            else
            {
                if (diffs[pointer].Kind == Insert)
                {
                    insertions2 += diffs[pointer].Text.Length;
                }
                else
                {
                    deletions2 += diffs[pointer].Text.Length;
                }
                // An equality no longer than the edits on both sides of it goes.
                if (!string.IsNullOrEmpty(lastEquality)
                    && lastEquality.Length <= Math.Max(insertions1, deletions1)
                    && lastEquality.Length <= Math.Max(insertions2, deletions2))
                {
                    var at = equalities[equalitiesLength - 1];
                    diffs.Insert(at, new Part(Delete, lastEquality));
                    diffs[at + 1].Kind = Insert;
                    equalitiesLength -= 2;
                    pointer = equalitiesLength > 0 ? equalities[equalitiesLength - 1] : -1;
                    insertions1 = deletions1 = insertions2 = deletions2 = 0;
                    lastEquality = null;
                    changes = true;
                }
            }
            pointer++;
        }

        if (changes)
        {
            TextDiffCleanup.Merge(diffs, fixUnicode: false);
        }
        SemanticLossless(diffs);

        // Overlaps between a deletion and the following insertion become equalities when the
        // overlap is at least half of either edit: <del>abcxxx</del><ins>xxxdef</ins>
        // -> <del>abc</del>xxx<ins>def</ins>.
        pointer = 1;
        while (pointer < diffs.Count)
        {
            if (diffs[pointer - 1].Kind == Delete && diffs[pointer].Kind == Insert)
            {
                var deletion = diffs[pointer - 1].Text;
                var insertion = diffs[pointer].Text;
                var overlap1 = CommonOverlap(deletion, insertion);
                var overlap2 = CommonOverlap(insertion, deletion);
                if (overlap1 >= overlap2)
                {
                    if (overlap1 * 2 >= deletion.Length || overlap1 * 2 >= insertion.Length)
                    {
                        diffs.Insert(pointer, new Part(Equal, insertion[..overlap1]));
                        diffs[pointer - 1].Text = deletion[..(deletion.Length - overlap1)];
                        diffs[pointer + 1].Text = insertion[overlap1..];
                        pointer++;
                    }
                }
                else if (overlap2 * 2 >= deletion.Length || overlap2 * 2 >= insertion.Length)
                {
                    diffs.Insert(pointer, new Part(Equal, deletion[..overlap2]));
                    diffs[pointer - 1].Kind = Insert;
                    diffs[pointer - 1].Text = insertion[..(insertion.Length - overlap2)];
                    diffs[pointer + 1].Kind = Delete;
                    diffs[pointer + 1].Text = deletion[overlap2..];
                    pointer++;
                }
                pointer++;
            }
            pointer++;
        }
    }

    /// <summary>Slides single edits between equalities to word boundaries (diff_cleanupSemanticLossless).</summary>
    private static void SemanticLossless(List<Part> diffs)
    {
        var pointer = 1;
        while (pointer < diffs.Count - 1)
        {
            if (diffs[pointer - 1].Kind == Equal && diffs[pointer + 1].Kind == Equal)
            {
                var equality1 = diffs[pointer - 1].Text;
                var edit = diffs[pointer].Text;
                var equality2 = diffs[pointer + 1].Text;

                // First shift the edit as far left as possible.
                var commonOffset = CommonSuffix(equality1, edit);
                if (commonOffset != 0)
                {
                    var commonString = edit[(edit.Length - commonOffset)..];
                    equality1 = equality1[..(equality1.Length - commonOffset)];
                    edit = commonString + edit[..(edit.Length - commonOffset)];
                    equality2 = commonString + equality2;
                }

                // Then step right one character at a time, keeping the best-scoring fit.
                var bestEquality1 = equality1;
                var bestEdit = edit;
                var bestEquality2 = equality2;
                var bestScore = Score(equality1, edit) + Score(edit, equality2);
                while (edit.Length > 0 && equality2.Length > 0 && edit[0] == equality2[0])
                {
                    equality1 += edit[0];
                    edit = edit[1..] + equality2[0];
                    equality2 = equality2[1..];
                    var score = Score(equality1, edit) + Score(edit, equality2);
                    // >= prefers trailing rather than leading whitespace on edits.
                    if (score >= bestScore)
                    {
                        bestScore = score;
                        bestEquality1 = equality1;
                        bestEdit = edit;
                        bestEquality2 = equality2;
                    }
                }

                if (diffs[pointer - 1].Text != bestEquality1)
                {
                    if (bestEquality1.Length > 0)
                    {
                        diffs[pointer - 1].Text = bestEquality1;
                    }
                    else
                    {
                        diffs.RemoveAt(pointer - 1);
                        pointer--;
                    }
                    diffs[pointer].Text = bestEdit;
                    if (bestEquality2.Length > 0)
                    {
                        diffs[pointer + 1].Text = bestEquality2;
                    }
                    else
                    {
                        diffs.RemoveAt(pointer + 1);
                        pointer--;
                    }
                }
            }
            pointer++;
        }
    }

    /// <summary>How well a boundary between two strings falls on a logical boundary: 6 (best) to 0.</summary>
    private static int Score(string one, string two)
    {
        if (one.Length == 0 || two.Length == 0)
        {
            return 6;
        }
        var char1 = one[^1];
        var char2 = two[0];
        var nonAlphaNumeric1 = !char.IsAsciiLetterOrDigit(char1);
        var nonAlphaNumeric2 = !char.IsAsciiLetterOrDigit(char2);
        var whitespace1 = nonAlphaNumeric1 && IsJsWhitespace(char1);
        var whitespace2 = nonAlphaNumeric2 && IsJsWhitespace(char2);
        var lineBreak1 = whitespace1 && char1 is '\r' or '\n';
        var lineBreak2 = whitespace2 && char2 is '\r' or '\n';
        var blankLine1 = lineBreak1 && (one.EndsWith("\n\n", StringComparison.Ordinal) || one.EndsWith("\n\r\n", StringComparison.Ordinal));
        var blankLine2 = lineBreak2 && StartsWithBlankLine(two);
        if (blankLine1 || blankLine2)
        {
            return 5;
        }
        if (lineBreak1 || lineBreak2)
        {
            return 4;
        }
        if (nonAlphaNumeric1 && !whitespace1 && whitespace2)
        {
            return 3; // End of a sentence.
        }
        if (whitespace1 || whitespace2)
        {
            return 2;
        }
        return nonAlphaNumeric1 || nonAlphaNumeric2 ? 1 : 0;
    }

    /// <summary>/^\r?\n\r?\n/</summary>
    private static bool StartsWithBlankLine(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '\r')
        {
            i++;
        }
        if (i >= s.Length || s[i] != '\n')
        {
            return false;
        }
        i++;
        if (i < s.Length && s[i] == '\r')
        {
            i++;
        }
        return i < s.Length && s[i] == '\n';
    }

    /// <summary>JavaScript's \s, which differs from char.IsWhiteSpace (U+FEFF yes, U+0085 no).</summary>
    private static bool IsJsWhitespace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202f' or '\u205f' or '\u3000' or '\ufeff' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    /// <summary>The length of the longest suffix of text1 that is a prefix of text2 (not surrogate-aware).</summary>
    private static int CommonOverlap(string text1, string text2)
    {
        var length1 = text1.Length;
        var length2 = text2.Length;
        if (length1 == 0 || length2 == 0)
        {
            return 0;
        }
        if (length1 > length2)
        {
            text1 = text1[(length1 - length2)..];
        }
        else if (length1 < length2)
        {
            text2 = text2[..length1];
        }
        var textLength = Math.Min(length1, length2);
        if (text1 == text2)
        {
            return textLength;
        }
        var best = 0;
        var length = 1;
        while (true)
        {
            var pattern = text1[Math.Max(0, textLength - length)..];
            var found = text2.IndexOf(pattern, StringComparison.Ordinal);
            if (found == -1)
            {
                return best;
            }
            length += found;
            if (found == 0 || text1[Math.Max(0, textLength - length)..] == text2[..Math.Min(length, text2.Length)])
            {
                best = length;
                length++;
            }
        }
    }
}
