using CommunityBot.Privacy;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>Asks Telegram whether someone belongs to a group right now. Nothing is cached or stored.</summary>
internal sealed partial class MembershipCheck(ITelegramBotClient bot, ActivityCounts counts, ILogger<MembershipCheck> log)
{
    public async Task<ChatMemberStatus?> StatusAsync(long chatId, long userId, CancellationToken cancellationToken)
    {
        try
        {
            var member = await bot.GetChatMember(chatId: chatId, userId: userId, cancellationToken: cancellationToken);
            return member is ChatMemberRestricted { IsMember: false } ? ChatMemberStatus.Left : member.Status;
        }
        catch (ApiRequestException ex)
        {
            // Asked when someone follows a community's link, presses a moderator's button or writes in a group: a
            // refusal is counted, not logged with the moment of that person's action; a failure of Telegram is logged.
            if (TelegramSender.CausedByOnePerson(ex.ErrorCode))
            {
                counts.Add(Activity.TelegramRefusals, "getChatMember " + ex.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                LogFailed(log, ex.ErrorCode);
            }
            return null;
        }
    }

    public async Task<bool> IsMemberAsync(long chatId, long userId, CancellationToken cancellationToken) =>
        await StatusAsync(chatId, userId, cancellationToken)
            is ChatMemberStatus.Creator or ChatMemberStatus.Administrator or ChatMemberStatus.Member or ChatMemberStatus.Restricted;

    public async Task<bool> IsAdminAsync(long chatId, long userId, CancellationToken cancellationToken) =>
        await StatusAsync(chatId, userId, cancellationToken)
            is ChatMemberStatus.Creator or ChatMemberStatus.Administrator;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership could not be checked: Telegram answered {Code}")]
    private static partial void LogFailed(ILogger logger, int code);
}
