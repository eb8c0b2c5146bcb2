using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace AkkaCollab.Protocol.Deltas;

// Reads and writes JSON strings that may hold a lone surrogate. JavaScript strings are
// UTF-16 and quill-delta happily splits a surrogate pair (a delete of one half); JSON.stringify
// then writes "\ud83d". System.Text.Json refuses to read that and writes U+FFFD instead, which
// would change the text, so insert texts take this path when (and only when) they need it.
internal static class JsonStrings
{
    // The current string token, keeping lone surrogates written as \u escapes.
    internal static string Read(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            return Unescape(raw);
        }
    }

    // Writes a string value, escaping lone surrogates as \uXXXX like JSON.stringify.
    internal static void Write(Utf8JsonWriter writer, string propertyName, string value)
    {
        if (!HasLoneSurrogate(value))
        {
            writer.WriteString(propertyName, value);
            return;
        }
        writer.WritePropertyName(propertyName);
        writer.WriteRawValue(Escape(value), skipInputValidation: true);
    }

    internal static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    private static string Escape(string s)
    {
        var json = new StringBuilder(s.Length + 8);
        json.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                json.Append(c).Append(s[++i]);
                continue;
            }
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case < ' ' or '\u007f' or '<' or '>' or '&' or '\'' or '+' or '`' or '\u2028' or '\u2029':
                    json.Append("\\u").Append(((int)c).ToString("x4"));
                    break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4"));
                    }
                    else
                    {
                        json.Append(c);
                    }
                    break;
            }
        }
        return json.Append('"').ToString();
    }

    // Decodes the raw (still escaped) UTF-8 bytes of a JSON string token.
    private static string Unescape(byte[] raw)
    {
        var text = new StringBuilder(raw.Length);
        var runStart = 0;
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != (byte)'\\')
            {
                i++;
                continue;
            }
            text.Append(Encoding.UTF8.GetString(raw, runStart, i - runStart));
            var escape = (char)raw[i + 1];
            if (escape == 'u')
            {
                Utf8Parser.TryParse(raw.AsSpan(i + 2, 4), out ushort code, out _, 'x');
                text.Append((char)code);
                i += 6;
            }
            else
            {
                text.Append(escape switch
                {
                    'b' => '\b',
                    'f' => '\f',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => escape, // '"', '\\' and '/'
                });
                i += 2;
            }
            runStart = i;
        }
        text.Append(Encoding.UTF8.GetString(raw, runStart, raw.Length - runStart));
        return text.ToString();
    }
}
