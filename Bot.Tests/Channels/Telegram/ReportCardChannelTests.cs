using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>What a card says of the channel a report came through, in every language moderators read.</summary>
public sealed class ReportCardChannelTests
{
    private static readonly CommunityBot.Conversations.TextCatalog Texts = ShippedFlow.Load().Texts;

    private static readonly ReportCard Card = new(ShippedFlow.Runner, Texts);

    private static IncidentReport Report(ReportChannel channel) =>
        IncidentReport.New(Guid.NewGuid(), "R-7K3Q", new DateOnly(2026, 11, 28), Samples.Report() with { Channel = channel });

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    [InlineData("kk")]
    public void OnlyReportsFromOtherChannelsThanTelegramSayWhereTheyCameFromAndThatMembershipWasNotChecked(string language)
    {
        var texts = Texts;
        var telegram = Card.Html(Report(ReportChannel.Telegram), language).Html;
        var messenger = Card.Html(Report(ReportChannel.Messenger), language).Html;
        var terminal = Card.Html(Report(ReportChannel.Terminal), language).Html;

        Assert.Contains(texts.Get(language, "mod.channel.messenger"), messenger);
        Assert.Contains(texts.Get(language, "mod.membership_unchecked"), messenger);
        Assert.Contains(texts.Get(language, "mod.channel.terminal"), terminal);
        Assert.Contains(texts.Get(language, "mod.membership_unchecked"), terminal);
        Assert.DoesNotContain(texts.Get(language, "mod.membership_unchecked"), telegram);
        Assert.DoesNotContain(texts.Get(language, "mod.channel.messenger"), telegram);
    }
}
