using CommunityBot.Conversations;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Support;

/// <summary>What every Telegram scenario needs: a fake Bot API server, a data folder, the shipped texts, and a way
/// to act and wait for the bot's answer that reads like the chat.</summary>
#pragma warning disable CA1001 // Disposed in DisposeAsync, as xunit calls it.
public abstract class TelegramScenario : IAsyncLifetime
#pragma warning restore CA1001
{
    private protected TempDirectory Data { get; } = new();

    private protected FakeTelegramServer Server { get; } = new();

    private protected static TextCatalog Texts { get; } = ShippedFlow.Load().Texts;

    public Task InitializeAsync() => Server.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Data.Dispose();
    }

    private protected static string T(string language, string key) => Texts.Get(language, key);

    /// <summary>The moderators' group the test host is configured with.</summary>
    private protected FakeGroup Moderators() => Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");

    /// <summary>A moderator: a member of the moderators' group, with a private chat of their own.</summary>
    private protected FakeMember Moderator(long userId)
    {
        var moderator = Server.PrivateChatWith(userId: userId, firstName: "Айгуль", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, moderator.UserId, "member");
        return moderator;
    }

    /// <summary>The member does something; the bot's next message to them comes back.</summary>
    private protected static async Task<BotMessage> Do(FakeMember member, Func<FakeMember, Task> action)
    {
        await action(member);
        return await member.WaitForReplyAsync();
    }

    /// <summary>Waits (boundedly) until the bot has done something a test expects, e.g. left a group.</summary>
    private protected static async Task EventuallyAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.True(done(), what);
    }

    private protected Task<TelegramBotHost> StartBotAsync(IReadOnlyDictionary<string, string?>? overrides = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) =>
        TelegramBotHost.StartAsync(Server, Data.Path, overrides, services);

    /// <summary>From the category question to the receipt, in Russian, by buttons: a hospital in Almaty, today, the
    /// story (in as many messages as given), contacts masked, nothing reported before, consent to appeals.</summary>
    /// <returns>The receipt message.</returns>
    private protected static async Task<BotMessage> ReportFromCategoryAsync(FakeMember member, bool followUp, params string[] story)
    {
        await PressesUpToStoryAsync(member);
        foreach (var part in story)
        {
            await Do(member, m => m.SendsAsync(part));
        }
        await Do(member, m => m.SendsAsync("1"));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.yes")));
        await Do(member, m => m.PressesAsync(T("ru", followUp ? "yesno.yes" : "yesno.no")));
        return await Do(member, m => m.PressesAsync(T("ru", "nav.submit")));
    }

    /// <summary>Presses the Russian interview's buttons from the category up to the story question (a hospital, the
    /// member, today, Almaty's narcology centre).</summary>
    private protected static async Task PressesUpToStoryAsync(FakeMember member)
    {
        await Do(member, m => m.PressesAsync(T("ru", "category.hospital")));
        await Do(member, m => m.PressesAsync(T("ru", "affected.me")));
        await Do(member, m => m.PressesAsync(T("ru", "date.today")));
        await Do(member, m => m.PressesAsync("Алматы (город)"));
        await Do(member, m => m.PressesAsync("Алматы"));
        await Do(member, m => m.PressesAsync(T("ru", "facility_kind.narcology")));
        await Do(member, m => m.PressesAsync("Городской наркологический центр"));
    }

    /// <summary>A Russian-speaking member who has started a report and accepted the anonymity note.</summary>
    private protected async Task<FakeMember> MemberAtCategoryAsync(long userId, string language = "ru")
    {
        var member = Server.PrivateChatWith(userId: userId, firstName: "M", username: null, languageCode: language);
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T(language, "consent.accept")));
        return member;
    }
}
