using CommunityBot.Conversations;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Support.FakeGraph;

/// <summary>A service with both channels, as an organisation runs it: members report through Messenger (the fake Graph
/// API) or Telegram, and moderators work in their Telegram group (the fake Bot API). A data folder per test.</summary>
#pragma warning disable CA1001 // Disposed in DisposeAsync, as xunit calls it.
public abstract class TwoChannelScenario : IAsyncLifetime
#pragma warning restore CA1001
{
    private MessengerBotHost? _bot;

    private protected TempDirectory Data { get; } = new();

    private protected FakeGraphServer Graph { get; } = new();

    private protected FakeTelegramServer Telegram { get; } = new();

    private protected static TextCatalog Texts { get; } = ShippedFlow.Load().Texts;

    private protected MessengerBotHost Bot => _bot ?? throw new InvalidOperationException("Start the bot first.");

    private protected static string T(string key) => Texts.Get("ru", key);

    public async Task InitializeAsync()
    {
        await Graph.StartAsync();
        await Telegram.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopBotAsync();
        await Graph.DisposeAsync();
        await Telegram.DisposeAsync();
        Data.Dispose();
    }

    private protected async Task<MessengerBotHost> StartBotAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        await StopBotAsync();
        return _bot = await MessengerBotHost.StartAsync(Graph, Data.Path, overrides, Telegram);
    }

    private protected async Task StopBotAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
            _bot = null;
        }
    }

    private protected FakeMessengerMember Member(string psid) => new(Bot, Graph, psid);

    /// <summary>The moderators' group with one moderator in it.</summary>
    private protected (FakeGroup Moderators, FakeMember Moderator) ModeratorsGroup(long moderatorId)
    {
        var moderators = Telegram.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var moderator = Telegram.PrivateChatWith(userId: moderatorId, firstName: "Айгуль", username: null, languageCode: "ru");
        Telegram.SetMembership(TelegramBotHost.ModeratorsChatId, moderator.UserId, "member");
        return (moderators, moderator);
    }

    /// <summary>A whole report in Russian through Messenger, by quick replies.</summary>
    /// <returns>The report's label and receipt code.</returns>
    private protected static async Task<(string Label, string Code)> ReportThroughMessengerAsync(FakeMessengerMember member, bool followUp, string story)
    {
        await member.TypeAsync("report");
        await member.PressFirstAsync();                              // consent
        await member.PressFirstAsync();                              // hospital
        await member.PressFirstAsync();                              // me
        await member.PressAsync(T("date.yesterday"));
        await member.PressFirstAsync();                              // region
        await member.PressFirstAsync();                              // city
        await member.PressFirstAsync();                              // facility kind
        await member.PressFirstAsync();                              // facility
        await member.TypeAsync(story);
        await member.PressFirstAsync();                              // a consequence
        await member.PressAsync(T("nav.done"));
        await member.PressAsync(T("yesno.no"));                      // reported elsewhere
        await member.PressAsync(T("yesno.yes"));                     // appeals
        await member.PressAsync(T(followUp ? "yesno.yes" : "yesno.no"));
        var receipt = string.Join("\n", (await member.PressAsync(T("nav.submit"))).Select(m => m.Text));
        return (Scripts.Label().Match(receipt).Value, Scripts.ReceiptCode().Match(receipt).Value);
    }

    /// <summary>A whole report in Russian through Telegram, by buttons.</summary>
    /// <returns>The report's label.</returns>
    private protected async Task<string> ReportThroughTelegramAsync(long userId, string story, bool followUp = false)
    {
        var member = Telegram.PrivateChatWith(userId: userId, firstName: "M", username: null, languageCode: "ru");
        async Task Do(Func<FakeMember, Task> action)
        {
            await action(member);
            await member.WaitForReplyAsync();
        }
        await Do(m => m.SendsAsync("/report"));
        await Do(m => m.PressesAsync(T("consent.accept")));
        await Do(m => m.PressesAsync(T("category.hospital")));
        await Do(m => m.PressesAsync(T("affected.me")));
        await Do(m => m.PressesAsync(T("date.today")));
        await Do(m => m.PressesAsync("Алматы (город)"));
        await Do(m => m.PressesAsync("Алматы"));
        await Do(m => m.PressesAsync(T("facility_kind.narcology")));
        await Do(m => m.PressesAsync("Городской наркологический центр"));
        await Do(m => m.SendsAsync(story));
        await Do(m => m.SendsAsync("1"));
        await Do(m => m.PressesAsync(T("yesno.no")));
        await Do(m => m.PressesAsync(T("yesno.yes")));
        await Do(m => m.PressesAsync(T(followUp ? "yesno.yes" : "yesno.no")));
        await member.PressesAsync(T("nav.submit"));
        var receipt = await member.WaitForReplyAsync();
        return Scripts.Label().Match(receipt.Text ?? "").Value;
    }

    /// <summary>Presses a card button and waits until the bot has answered that press (it answers last).</summary>
    private protected async Task PressCardAsync(FakeGroup group, FakeMember member, string label)
    {
        var answered = Telegram.Calls("answerCallbackQuery").Count;
        await group.MemberPressesAsync(member, label);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Telegram.Calls("answerCallbackQuery").Count == answered && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.True(Telegram.Calls("answerCallbackQuery").Count > answered, "the bot never answered the press");
    }

    /// <summary>A moderator presses "need information" and replies to the bot's prompt with a question.</summary>
    /// <returns>The bot's word on what became of the question.</returns>
    private protected async Task<BotMessage> AskAsync(FakeGroup moderators, FakeMember moderator, string label, string question)
    {
        await PressCardAsync(moderators, moderator, T("mod.ask"));
        var prompt = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith("❓ " + label, StringComparison.Ordinal) == true);
        await moderators.MemberRepliesAsync(moderator, prompt, question);
        return await moderators.WaitForReplyAsync(m => m.Text?.Contains(label, StringComparison.Ordinal) == true && m.ReplyToMessageId is not null);
    }

    /// <summary>Waits (boundedly) until the bot has done something a test expects, e.g. edited a card.</summary>
    private protected static async Task EventuallyAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.True(done(), what);
    }
}
