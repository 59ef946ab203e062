using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>The less travelled paths: supergroup migration, membership, edits, forwards, /forget.</summary>
#pragma warning disable CA1001 // Disposed in DisposeAsync, as xunit calls it.
public sealed class TelegramCornersTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly TempDirectory _data = new();
    private readonly FakeTelegramServer _server = new();
    private static readonly TextCatalog Texts = ShippedFlow.Load().Texts;

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _data.Dispose();
    }

    private static string T(string key) => Texts.Get("ru", key);

    private static async Task<BotMessage> Do(FakeMember member, Func<FakeMember, Task> action)
    {
        await action(member);
        return await member.WaitForReplyAsync();
    }

    [Fact]
    public async Task AGroupThatBecomesASupergroupIsFollowed()
    {
        await using var bot = await TelegramBotHost.StartAsync(_server, _data.Path);
        _server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        const long supergroupId = -1001000000777;
        var bob = _server.PrivateChatWith(userId: 710100, firstName: "Bob", username: null, languageCode: "ru");

        await _server.MigrateGroupAsync(TelegramBotHost.CommunityChatId, supergroupId);
        await _server.WaitUntilIdleAsync();
        var supergroup = _server.Group(supergroupId, "ОЗТ Алматы");
        await supergroup.MemberSaysAsync(bob, "/report");
        var answer = await supergroup.WaitForReplyAsync();

        Assert.StartsWith("https://t.me/", Assert.Single(answer.Buttons).Url);
        Assert.Empty(_server.Calls("leaveChat"));
    }

    [Fact]
    public async Task ACommunityLinkIsRefusedToSomeoneOutsideTheCommunityWhenMembershipIsRequired()
    {
        await using var bot = await TelegramBotHost.StartAsync(_server, _data.Path, new Dictionary<string, string?> { ["Telegram:RequireMembership"] = "true" });
        _server.Group(TelegramBotHost.CommunityChatId, "ОЗТ Алматы");
        var outsider = _server.PrivateChatWith(userId: 710200, firstName: "O", username: null, languageCode: "ru");
        var member = _server.PrivateChatWith(userId: 710201, firstName: "M", username: null, languageCode: "ru");
        _server.SetMembership(TelegramBotHost.CommunityChatId, member.UserId, "member");

        var refused = await Do(outsider, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));
        var welcomed = await Do(member, m => m.SendsAsync("/start " + TelegramBotHost.CommunityLink));

        Assert.Contains("ОЗТ Алматы", refused.Text);
        Assert.Empty(refused.Buttons);
        Assert.Contains(T("consent.accept"), welcomed.ButtonTexts);
    }

    [Fact]
    public async Task AnEditOfARefusedAnswerIsReadAgainAndOtherEditsAreIgnoredPolitely()
    {
        await using var bot = await TelegramBotHost.StartAsync(_server, _data.Path);
        var member = _server.PrivateChatWith(userId: 710300, firstName: "E", username: null, languageCode: "ru");
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.me")));

        var refused = await Do(member, m => m.SendsAsync("давно"));
        Assert.Contains(T("error.date.unrecognized")[..15], refused.Text);
        var accepted = await Do(member, m => m.EditsLastMessageAsync("12.03.2026"));
        Assert.Contains(T("region.prompt")[..15], accepted.Text);

        var ignored = await Do(member, m => m.EditsLastMessageAsync("13.03.2026"));
        Assert.Contains(T("tg.edited_ignored")[..15], ignored.Text);
    }

    [Fact]
    public async Task AForwardedMessageIsReadForItsTextOnly()
    {
        await using var bot = await TelegramBotHost.StartAsync(_server, _data.Path);
        var member = _server.PrivateChatWith(userId: 710400, firstName: "F", username: null, languageCode: "ru");
        var friend = _server.PrivateChatWith(userId: 710401, firstName: "Друг", username: "friend_handle", languageCode: "ru");
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));
        await Do(member, m => m.PressesAsync(T("category.hospital")));
        await Do(member, m => m.PressesAsync(T("affected.someone")));

        var reply = await Do(member, m => m.ForwardsAsync("вчера", friend));

        Assert.Contains(T("region.prompt")[..15], reply.Text);
    }

    [Fact]
    public async Task ForgetDeletesTheChatsMessagesAndTheDraft()
    {
        await using var bot = await TelegramBotHost.StartAsync(_server, _data.Path);
        var member = _server.PrivateChatWith(userId: 710500, firstName: "G", username: null, languageCode: "ru");
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("consent.accept")));

        var done = await Do(member, m => m.SendsAsync("/forget"));

        Assert.Contains(T("forget.done")[..15], done.Text);
        Assert.NotEmpty(_server.DeletedMessages(member.ChatId));
        var after = await Do(member, m => m.SendsAsync("вчера"));
        Assert.Contains(T("chat.welcome")[..15], after.Text);
    }

    [Fact]
    public async Task BeingAddedToAnUnknownGroupMakesTheBotLeave()
    {
        await using var bot = await TelegramBotHost.StartAsync(_server, _data.Path);
        var adder = _server.PrivateChatWith(userId: 710600, firstName: "H", username: null, languageCode: "ru");

        await _server.BotAddedToGroupAsync(-1005550000123, "Чужая группа", adder);
        await _server.WaitUntilIdleAsync();

        Assert.Contains(_server.Calls("leaveChat"), c => c.ChatId == -1005550000123);
    }
}
