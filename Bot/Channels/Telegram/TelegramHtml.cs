namespace CommunityBot.Channels.Telegram;

/// <summary>Telegram's HTML parse mode: what must be escaped in user text, and how long a message looks to Telegram.</summary>
internal static class TelegramHtml
{
    /// <summary>Escapes the three characters Telegram's HTML mode reads as markup. Every text a member or a file
    /// supplied goes through this before it is sent.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The length Telegram counts against its limit: tags do not count, an entity counts as one character.</summary>
    public static int VisibleLength(string html)
    {
        var length = 0;
        for (var i = 0; i < html.Length; i++)
        {
            switch (html[i])
            {
                case '<' when html.IndexOf('>', i) is var end and > 0:
                    i = end;
                    break;
                case '&' when html.IndexOf(';', i) is var semicolon and > 0 && semicolon - i <= 10:
                    length++;
                    i = semicolon;
                    break;
                default:
                    length++;
                    break;
            }
        }
        return length;
    }
}
