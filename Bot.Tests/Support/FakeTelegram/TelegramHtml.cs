using System.Globalization;
using System.Text;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// Telegram's HTML parse mode, strictly enough to catch what the real server refuses: tags outside its short list,
/// unbalanced tags, and a bare '&lt;'. What remains after parsing is the text a user sees, and its length is what the
/// 4096-character limit applies to.
/// </summary>
internal static class TelegramHtml
{
    private static readonly HashSet<string> SupportedTags =
    [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji",
        "code", "pre", "blockquote", "tg-time",
    ];

    /// <summary>The visible text, or a 400 "can't parse entities" the way the real server words it.</summary>
    public static string ToPlainText(string html)
    {
        var text = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '&')
            {
                i = DecodeEntity(html, i, text);
            }
            else if (c == '<')
            {
                i = ReadTag(html, i, open);
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw CannotParse($"Can't find end tag corresponding to start tag \"{open.Peek()}\"");
        }

        return text.ToString();
    }

    private static int ReadTag(string html, int start, Stack<string> open)
    {
        var close = html.IndexOf('>', start);
        if (close < 0)
        {
            throw CannotParse($"Unclosed start tag at byte offset {ByteOffset(html, start)}");
        }

        var body = html[(start + 1)..close];
        if (body.StartsWith('/'))
        {
            var name = body[1..].Trim().ToLowerInvariant();
            if (open.Count == 0)
            {
                throw CannotParse($"Unexpected end tag at byte offset {ByteOffset(html, start)}");
            }

            if (open.Peek() != name)
            {
                throw CannotParse(
                    $"Unmatched end tag at byte offset {ByteOffset(html, start)}, expected \"</{open.Peek()}>\", found \"</{name}>\"");
            }

            open.Pop();
            return close + 1;
        }

        var nameLength = 0;
        while (nameLength < body.Length && (char.IsAsciiLetterOrDigit(body[nameLength]) || body[nameLength] == '-'))
        {
            nameLength++;
        }

        var tag = body[..nameLength].ToLowerInvariant();
        var attributes = body[nameLength..];
        if (tag.Length == 0 || !SupportedTags.Contains(tag) || (attributes.Length > 0 && !char.IsWhiteSpace(attributes[0])))
        {
            throw CannotParse($"Unsupported start tag \"{body.Split(' ')[0]}\" at byte offset {ByteOffset(html, start)}");
        }

        if (tag == "span" && !attributes.Contains("tg-spoiler", StringComparison.Ordinal))
        {
            throw CannotParse($"Tag \"span\" must have class \"tg-spoiler\" at byte offset {ByteOffset(html, start)}");
        }

        open.Push(tag);
        return close + 1;
    }

    private static int DecodeEntity(string html, int start, StringBuilder text)
    {
        var end = html.IndexOf(';', start);
        if (end > start + 1 && end - start <= 10)
        {
            var name = html[(start + 1)..end];
            string? decoded = name switch
            {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                ['#', 'x' or 'X', .. var hex] when int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) => CodePoint(code),
                ['#', .. var digits] when int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => CodePoint(code),
                _ => null,
            };
            if (decoded is not null)
            {
                text.Append(decoded);
                return end + 1;
            }
        }

        // The real server keeps an '&' that does not start a known entity as it is.
        text.Append('&');
        return start + 1;
    }

    private static string? CodePoint(int code) =>
        code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(code) : null;

    private static int ByteOffset(string html, int index) => Encoding.UTF8.GetByteCount(html.AsSpan(0, index));

    private static BotApiException CannotParse(string detail) => BotApiException.BadRequest("can't parse entities: " + detail);
}
