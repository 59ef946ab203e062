using CommunityBot.Channels.Telegram;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram.Letters;

public sealed class ActivistsSettingTests
{
    private const long Community = -1001000000001;

    private static TelegramOptions Options(long? activists) => new()
    {
        BotToken = FakeTelegramServer.DefaultToken,
        ActivistsChatId = activists,
        Communities = [new CommunityGroupOptions { ChatId = Community, Key = "almaty", Name = "ОЗТ Алматы", LinkToken = "almaty-ost" }],
    };

    [Fact]
    public void TheActivistsGroupIsOptionalButMustBeAGroupOtherThanACommunity()
    {
        var validator = new TelegramOptionsValidator();

        Assert.True(validator.Validate(null, Options(null)).Succeeded);
        Assert.True(validator.Validate(null, Options(-1005000000001)).Succeeded);
        Assert.Contains(validator.Validate(null, Options(732500)).Failures ?? [], f => f.StartsWith("Telegram:ActivistsChatId must be a group", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(null, Options(Community)).Failures ?? [], f => f == "Telegram:ActivistsChatId must not be one of the community groups.");
    }
}
