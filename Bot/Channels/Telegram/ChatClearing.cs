using System.Globalization;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// The button under a receipt that deletes the whole interview from the member's private chat, so that whoever
/// holds their phone later reads neither the story nor the code. Its data is <c>c:{first message id}</c>: the
/// message that started the interview; the pressed message (the receipt) is the last. Message ids in a private chat
/// count up by one, both sides together, so the range between them is the interview. Telegram lets a bot delete
/// messages of a private chat for 48 hours, a draft lives 24, so the whole range is still deletable when pressed soon.
/// </summary>
internal static class ChatClearing
{
    private const string Prefix = "c:";

    /// <summary>More than this many messages between start and receipt is no interview; the newest are deleted.</summary>
    public const int Reach = 1000;

    public static InlineKeyboardMarkup Keyboard(int chatStart, string label) =>
        new(InlineKeyboardButton.WithCallbackData(label, Prefix + chatStart.ToString(CultureInfo.InvariantCulture)));

    public static bool Is(string? data) => data?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The first message of the interview, from the button's data.</summary>
    public static int? Parse(string? data) =>
        Is(data) && data is { Length: <= 16 }
        && int.TryParse(data.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var first) && first > 0
            ? first
            : null;

    /// <summary>The ids from <paramref name="last"/> down to <paramref name="first"/> (newest first, so the receipt
    /// goes in the first call), at most <see cref="Reach"/> of them.</summary>
    public static IReadOnlyList<int> Range(int first, int last) =>
        first > last ? [] : [.. Enumerable.Range(Math.Max(first, last - Reach + 1), Math.Min(last - first + 1, Reach)).Reverse()];
}
