using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// The inline keyboards the bot sent, each read into Telegram.Bot's types and written back as the answer gives it
/// once per distinct JSON text: the bot sends the same few keyboards to every member, and reading one through the
/// library's reflection-based serializer cost a third as much as the rest of a sendMessage. Messages share the one
/// read; nothing changes a keyboard once it is kept. Used under the server's gate.
/// </summary>
internal sealed class KnownKeyboards
{
    private const int MaxCallbackDataBytes = 64;

    /// <summary>Past this many the store starts again, so that a bot sending keyboards of its own for each member
    /// does not fill the memory; a keyboard forgotten is read again when it comes again.</summary>
    private const int MostKept = 4096;

    private readonly Dictionary<string, InlineKeyboardMarkup> byText = [];
    private readonly Dictionary<InlineKeyboardMarkup, byte[]> written = new(ReferenceEqualityComparer.Instance);

    /// <summary>The call's reply_markup as an inline keyboard, checked as Telegram checks it; reply keyboards and
    /// keyboard removal are accepted but not kept (the bot uses inline keyboards).</summary>
    public InlineKeyboardMarkup? Read(ApiArguments arguments)
    {
        if (arguments.JsonText("reply_markup") is not { } text)
        {
            return null;
        }

        if (byText.TryGetValue(text, out var known))
        {
            return known;
        }

        if (!arguments.HasProperty("reply_markup", "inline_keyboard")
            || arguments.As<InlineKeyboardMarkup>("reply_markup") is not { } keyboard)
        {
            return null;
        }

        foreach (var button in keyboard.InlineKeyboard.SelectMany(row => row))
        {
            if (button.CallbackData is { } data && Encoding.UTF8.GetByteCount(data) is 0 or > MaxCallbackDataBytes)
            {
                throw BotApiException.BadRequest("BUTTON_DATA_INVALID");
            }

            if (string.IsNullOrEmpty(button.Text))
            {
                throw BotApiException.BadRequest("text buttons are unallowed in the inline keyboard");
            }
        }

        if (byText.Count >= MostKept)
        {
            byText.Clear();
            written.Clear();
        }

        byText[text] = keyboard;
        written[keyboard] = JsonSerializer.SerializeToUtf8Bytes(keyboard, JsonBotAPI.Options);
        return keyboard;
    }

    /// <summary>The keyboard as the library writes it, from the store when it was read here.</summary>
    public byte[]? Json(InlineKeyboardMarkup? keyboard) =>
        keyboard is null ? null
        : written.TryGetValue(keyboard, out var json) ? json
        : JsonSerializer.SerializeToUtf8Bytes(keyboard, JsonBotAPI.Options);

    /// <summary>Whether two keyboards would look the same to a member (an edit that changes nothing is refused).</summary>
    public bool Same(InlineKeyboardMarkup? left, InlineKeyboardMarkup? right) =>
        ReferenceEquals(left, right) || (left is not null && right is not null && Json(left).AsSpan().SequenceEqual(Json(right)));
}
