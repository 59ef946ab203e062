using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using CommunityBot.Tests.Moderation;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telegram.Bot;
using Telegram.Bot.Requests;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Telegram shows a card to the moderators as soon as it takes it; the bot learns the card's message id, and
/// keeps it, only when Telegram's answer is back. A moderator's reply read in that moment is still a reply to the card.</summary>
public sealed class CardRepliesInFlightTests : TelegramScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AReplyReadBeforeTheBotHeardItsCardWasTakenIsReadAsAReplyToTheCard()
    {
        var client = new FaultyBotClient(Server.CreateClient());
        await using var bot = await StartBotAsync(services: services => services.Replace(ServiceDescriptor.Singleton<ITelegramBotClient>(client)));
        var moderators = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        client.HoldNextAnswer(request => request is SendMessageRequest sending && sending.ChatId.Identifier == TelegramBotHost.ModeratorsChatId);
        var report = await bot.Reports.SubmitAsync(new PeriodPseudonym("draft-in-flight", 0, []), new StatisticsReport().ToNewReport());
        bot.Services.GetRequiredService<ReportEvents>().Add(new ReportEvent(report.Id, ReportEventKind.Submitted));
        var card = await moderators.WaitForReplyAsync(m => m.Text?.Contains(report.Label, StringComparison.Ordinal) == true, Patience);

        // The reply to the card is looked up, as the moderators' group's next update would be, while Telegram's answer
        // to the card is still on its way back. The store is read on one thread in order: once a read queued after the
        // look-up's is done, the look-up has read the store before the bot could keep the card's id.
        var lookup = bot.Services.GetRequiredService<ModeratorsBoard>().FindAsync(card.MessageId, CancellationToken.None);
        await bot.Services.GetRequiredService<Database>().RunAsync(_ => 0);
        client.ReleaseAnswer();
        var found = await lookup.WaitAsync(Patience);

        Assert.Equal(new CardMessage(report.Id, card.MessageId, CardMessageKind.Card), found);
    }
}
