using System.Collections.Immutable;
using System.Text;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Cuts a message that is too long for Telegram into parts that each fit, at the most natural place: a paragraph
/// break, else a line break, else the end of a sentence, else a space. It never cuts inside a tag, an entity or a
/// surrogate pair, and keeps every part valid HTML by closing open tags at the end of a part and reopening them at
/// the start of the next.
/// </summary>
internal static class TextSplitter
{
    private enum Break { None, Space, Sentence, Line, Paragraph }

    private sealed record Candidate(int Position, Break Kind, ImmutableStack<string> Open);

    public static IReadOnlyList<string> Split(string html, int limit = 4096)
    {
        if (TelegramHtml.VisibleLength(html) <= limit)
        {
            return [html];
        }
        var parts = new List<string>();
        var current = new StringBuilder();
        var visible = 0;
        var open = ImmutableStack<string>.Empty;
        Candidate? best = null;

        var i = 0;
        while (i < html.Length)
        {
            var (token, length, isTag) = Next(html, i);
            if (!isTag && visible + length > limit && current.Length > 0)
            {
                var cut = best ?? new Candidate(current.Length, Break.None, open);
                var text = current.ToString();
                parts.Add(text[..cut.Position].TrimEnd() + Closing(cut.Open));
                var rest = Opening(cut.Open) + text[cut.Position..].TrimStart();
                current.Clear().Append(rest);
                visible = TelegramHtml.VisibleLength(rest);
                best = null;
                continue;
            }
            if (isTag)
            {
                open = Track(open, token);
            }
            current.Append(token);
            visible += length;
            i += token.Length;
            if (!isTag && BreakAfter(html, i) is var kind and not Break.None && (best is null || kind >= best.Kind || best.Position < current.Length / 2))
            {
                best = new Candidate(current.Length, kind, open);
            }
        }
        if (current.Length > 0)
        {
            parts.Add(current.ToString());
        }
        return parts;
    }

    private static (string Token, int Visible, bool IsTag) Next(string html, int at)
    {
        if (html[at] == '<' && html.IndexOf('>', at) is var end and > 0)
        {
            return (html[at..(end + 1)], 0, true);
        }
        if (html[at] == '&' && html.IndexOf(';', at) is var semicolon and > 0 && semicolon - at <= 10)
        {
            return (html[at..(semicolon + 1)], 1, false);
        }
        if (char.IsHighSurrogate(html[at]) && at + 1 < html.Length && char.IsLowSurrogate(html[at + 1]))
        {
            return (html.Substring(at, 2), 2, false);
        }
        return (html[at].ToString(), 1, false);
    }

    /// <summary>What kind of break lies right after position <paramref name="at"/> - 1.</summary>
    private static Break BreakAfter(string html, int at)
    {
        var previous = html[at - 1];
        if (previous == '\n')
        {
            return at >= 2 && html[at - 2] == '\n' ? Break.Paragraph : Break.Line;
        }
        if (previous == ' ')
        {
            return at >= 2 && html[at - 2] is '.' or '!' or '?' or '…' ? Break.Sentence : Break.Space;
        }
        return Break.None;
    }

    private static ImmutableStack<string> Track(ImmutableStack<string> open, string tag)
    {
        if (tag.StartsWith("</", StringComparison.Ordinal))
        {
            return open.IsEmpty ? open : open.Pop();
        }
        return tag.EndsWith("/>", StringComparison.Ordinal) ? open : open.Push(tag);
    }

    private static string Closing(ImmutableStack<string> open) =>
        string.Concat(open.Select(tag => "</" + Name(tag) + ">"));

    private static string Opening(ImmutableStack<string> open) => string.Concat(open.Reverse());

    private static string Name(string tag) => new([.. tag.Skip(1).TakeWhile(char.IsAsciiLetter)]);
}
