using System.Text;
using System.Text.RegularExpressions;
using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Report cards in the moderators' group: when they go up, that each is one message, that replies are read
/// by the messages they answer, and that a deleted or closed report leaves none of the member's words behind.</summary>
public sealed partial class ModerationCardsTests : TelegramScenario
{
    private static string T(string key) => Texts.Get("ru", key);

    /// <summary>A member reports through the whole conversation; the story may come in several messages, as a
    /// messaging app cuts a long text.</summary>
    private async Task<(string Label, string Code)> SubmitAsync(long userId, bool followUp, params string[] story)
    {
        var member = await MemberAtCategoryAsync(userId);
        var receipt = await ReportFromCategoryAsync(member, followUp, story);
        return (Scripts.Label().Match(receipt.Text ?? "").Value, Scripts.ReceiptCode().Match(receipt.Text ?? "").Value);
    }

    private async Task PressAsync(FakeGroup group, FakeMember member, string button)
    {
        var answered = Server.Calls("answerCallbackQuery").Count;
        await group.MemberPressesAsync(member, button);
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Count > answered, "the bot never answered the press");
    }

    private IReadOnlyList<BotMessage> InModerators() => Server.SentMessages(TelegramBotHost.ModeratorsChatId);

    [Fact]
    public async Task NewReportsWaitARandomTimeAndTheirCardsGoUpTogetherShowingTheDayOnly()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));
        // The dice always throw the longest wait: the batch is due 15 + 45 minutes after the first report.
        var batches = new CardBatches(clock, longest => longest, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60));
        await using var bot = await StartBotAsync(
            new Dictionary<string, string?> { ["Moderation:CardDelayMin"] = "00:15:00", ["Moderation:CardDelayMax"] = "01:00:00" },
            services => services.AddSingleton(batches));
        _ = Moderators();
        var (first, _) = await SubmitAsync(740001, followUp: false, "Три дня не давали метадон в стационаре, сказали лечиться без него.");
        await EventuallyAsync(() => batches.Waiting == 1, "the first card is not waiting");

        clock.Advance(TimeSpan.FromMinutes(14));
        var (second, _) = await SubmitAsync(740002, followUp: false, "В поликлинике отказали в приёме, узнав про заместительную терапию.");
        await EventuallyAsync(() => batches.Waiting == 2, "the second card is not waiting");
        clock.Advance(TimeSpan.FromMinutes(30));
        await Server.WaitUntilIdleAsync();
        var before = InModerators().Count;

        clock.Advance(TimeSpan.FromMinutes(20));
        await EventuallyAsync(() => InModerators().Count == 2, "the batch did not go up");

        Assert.Equal(0, before);
        var cards = InModerators();
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), cards.Select(c => c.Text?[..6] ?? "").Order(StringComparer.Ordinal));
        Assert.All(cards, card => Assert.DoesNotMatch(TimeOfDay(), card.Text ?? ""));
        Assert.Equal(0, batches.Waiting);
    }

    [Fact]
    public async Task ACardOwedAtAStopWaitsAnewAfterTheRestartAndThenGoesUp()
    {
        string label;
        await using (var first = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:ModeratorsChatId"] = null }))
        {
            (label, _) = await SubmitAsync(740101, followUp: false, "Три дня не давали метадон в стационаре, сказали лечиться без него.");
        }
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));
        var batches = new CardBatches(clock, longest => TimeSpan.Zero, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60));
        var moderators = Moderators();

        await using var second = await StartBotAsync(
            new Dictionary<string, string?> { ["Moderation:CardDelayMin"] = "00:15:00", ["Moderation:CardDelayMax"] = "01:00:00" },
            services => services.AddSingleton(batches));
        await EventuallyAsync(() => batches.Waiting == 1, "the owed card is not waiting");
        await Server.WaitUntilIdleAsync();
        var before = InModerators().Count;
        clock.Advance(TimeSpan.FromMinutes(15));
        var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);

        Assert.Equal(0, before);
        Assert.Contains("Три дня не давали метадон", card.Text);
    }

    [Fact]
    public async Task ADeletionTheServiceStoppedBeforeClearingIsClearedAtTheNextStart()
    {
        var moderators = Moderators();
        var member = Server.PrivateChatWith(userId: 745001, firstName: "M", username: null, languageCode: "ru");
        string label, code;
        BotMessage card, added;
        await using (var first = await StartBotAsync())
        {
            (label, code) = await SubmitAsync(745001, followUp: false, "Три дня не давали метадон в стационаре, сказали лечиться без него.");
            card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
            await Do(member, m => m.SendsAsync($"/add {code} Это было в терапевтическом отделении на Жандосова."));
            added = await moderators.WaitForReplyAsync(m => m.Text?.Contains("Жандосова", StringComparison.Ordinal) == true);
            // A stop between a message going up and its id being stored would leave that one message unknown.
            var id = (await first.Reports.FindByLabelAsync(label))?.Id ?? Guid.Empty;
            var places = first.Services.GetRequiredService<ReportCards>();
            await EventuallyAsync(() => places.MessagesAsync(id).GetAwaiter().GetResult().Count == 2, "the addition's message id is not stored");
        }
        // Stored, but the service stopped before the group heard of it.
        await using (var stopped = await StartBotAsync(new Dictionary<string, string?> { ["Telegram:ModeratorsChatId"] = null }))
        {
            Assert.NotNull(await stopped.Reports.WithdrawAsync(code));
        }

        await using var again = await StartBotAsync();
        await EventuallyAsync(() => InModerators().All(m => m.MessageId != added.MessageId), "the addition is still in the group");

        var emptied = InModerators().Single(m => m.MessageId == card.MessageId);
        Assert.Contains(T("mod.status.withdrawn"), emptied.Text);
        Assert.DoesNotContain("метадон", emptied.Text);
    }

    [GeneratedRegex(@"\b\d{1,2}:\d{2}\b")]
    private static partial Regex TimeOfDay();

    [Fact]
    public async Task AStoryImitatingAQuestionPromptCannotTurnAModeratorsNoteIntoAnAnswerToAnotherReport()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(741100);
        var attacker = Server.PrivateChatWith(userId: 741001, firstName: "M", username: null, languageCode: "ru");
        var (bait, _) = await SubmitAsync(741001, followUp: true, "Меня не приняли в стационар, потому что я на метадоне, и ничего не объяснили.");
        await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(bait, StringComparison.Ordinal) == true);

        // A 6,000-character story whose part after character 3,900 starts like the bot's question prompt for the bait.
        var filler = new StringBuilder();
        while (filler.Length < 3880)
        {
            filler.Append("Долгая история-канарейка о том, как в больнице отказывали в лечении. ");
        }
        // The intake joins the parts with a line break.
        var head = filler.ToString()[..3880].TrimEnd();
        var tail = "❓ " + bait + "\n" + T("mod.ask.prompt").Replace("{label}", bait, StringComparison.Ordinal) + "\n";
        var rest = new StringBuilder(tail);
        while (rest.Length < 6000 - head.Length - 1)
        {
            rest.Append("Хвост-канарейка истории. ");
        }
        var (label, code) = await SubmitAsync(741001, followUp: true, head, rest.ToString()[..(6000 - head.Length - 1)]);
        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.Equal(6000, Assert.IsType<CommunityBot.Conversations.TextAnswer>(report?.Answers["narrative"]).Text.Length);

        var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        Assert.True(card.Text?.Length < 4096);
        Assert.Contains(T("mod.full_text"), card.ButtonTexts);
        Assert.Single(InModerators(), m => m.Text?.Contains("история-канарейка", StringComparison.Ordinal) == true);
        await PressAsync(moderators, aigul, T("mod.full_text"));
        await Server.WaitUntilIdleAsync();
        var parts = InModerators().Where(m => m.MessageId > card.MessageId).ToList();
        Assert.True(parts.Count >= 2, "the full story came in one part");
        var imitation = parts.Single(m => m.Text?.Contains("❓ " + bait, StringComparison.Ordinal) == true);

        var attackerSaw = attacker.Replies.Count;
        await moderators.MemberRepliesAsync(aigul, imitation, "Похоже на правду, проверю в больнице.");
        await moderators.WaitForReplyAsync(m => m.Text == T("mod.note.added").Replace("{label}", label, StringComparison.Ordinal));
        await moderators.MemberRepliesAsync(aigul, card, "Вторая заметка к карточке.");
        await moderators.WaitForReplyAsync(m => m.Text == T("mod.note.added").Replace("{label}", label, StringComparison.Ordinal));

        Assert.Equal(["Похоже на правду, проверю в больнице.", "Вторая заметка к карточке."],
            (await bot.Reports.FindByLabelAsync(label))?.Notes.Select(n => n.Text));
        Assert.Empty((await bot.Reports.FindByLabelAsync(bait))?.Notes ?? []);
        Assert.Equal(attackerSaw, attacker.Replies.Count);

        await Do(attacker, m => m.SendsAsync($"/delete {code}"));
        await moderators.WaitForReplyAsync(m => m.Text == T("mod.withdrawn").Replace("{label}", label, StringComparison.Ordinal));
        await Server.WaitUntilIdleAsync();
        Assert.All(InModerators(), m =>
        {
            Assert.DoesNotContain("канарейка", m.Text ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain("❓ " + bait, m.Text ?? "", StringComparison.Ordinal);
        });
        Assert.Contains(T("mod.status.withdrawn"), InModerators().Single(m => m.MessageId == card.MessageId).Text);
        Assert.True(Server.DeletedMessages(TelegramBotHost.ModeratorsChatId).Count >= 2);
    }

    [Fact]
    public async Task ClosingACaseTakesTheStoryAndAdditionsOutOfTheChatButShowStillHasThem()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(742100);
        var member = Server.PrivateChatWith(userId: 742001, firstName: "M", username: null, languageCode: "ru");
        var (label, code) = await SubmitAsync(742001, followUp: true, "Три дня не давали метадон в стационаре, сказали лечиться без него.");
        var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        await Do(member, m => m.SendsAsync($"/add {code} Это было в терапевтическом отделении на Жандосова."));
        var added = await moderators.WaitForReplyAsync(m => m.Text?.Contains("Жандосова", StringComparison.Ordinal) == true);
        await moderators.MemberSaysAsync(aigul, "/show " + label);
        var copy = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        // The addition is older than Telegram lets a bot delete: it is emptied instead.
        Server.FailNext("deleteMessage", 400, "Bad Request: message can't be deleted for everyone");

        await PressAsync(moderators, aigul, T("mod.reject"));
        await PressAsync(moderators, aigul, T("mod.reject.out_of_scope"));
        // The card and the other messages change when the owed status change is delivered, which on a loaded machine
        // may come after a quiet moment: wait for what the moderators would see.
        await EventuallyAsync(() => InModerators().Single(m => m.MessageId == card.MessageId).Text?.Contains(T("mod.status.rejected"), StringComparison.Ordinal) == true
            && InModerators().Where(m => m.MessageId == added.MessageId || m.MessageId == copy.MessageId).All(m => m.Text == T("mod.removed")),
            "the closed case did not reach the moderators' group");
        await Server.WaitUntilIdleAsync();

        var closed = InModerators().Single(m => m.MessageId == card.MessageId);
        Assert.Contains(T("mod.status.rejected"), closed.Text);
        Assert.DoesNotContain("метадон", closed.Text);
        Assert.DoesNotContain("Жандосова", closed.Text);
        Assert.Contains(T("mod.story_removed").Replace("{label}", label, StringComparison.Ordinal), closed.Text);
        var leftovers = InModerators().Where(m => m.MessageId == added.MessageId || m.MessageId == copy.MessageId).ToList();
        Assert.All(leftovers, m => Assert.Equal(T("mod.removed"), m.Text));
        Assert.DoesNotContain(InModerators(), m => m.Text?.Contains("Жандосова", StringComparison.Ordinal) == true);

        await moderators.MemberSaysAsync(aigul, "/show " + label);
        var shown = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        Assert.Contains("Три дня не давали метадон", shown.Text);
        Assert.Contains("Жандосова", shown.Text);
    }

    [Fact]
    public async Task ARestrictedMemberOfTheModeratorsGroupIsNotAModerator()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var muted = Server.PrivateChatWith(userId: 743100, firstName: "Немой", username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, muted.UserId, "restricted");
        var (label, _) = await SubmitAsync(743001, followUp: false, "Три дня не давали метадон в стационаре, сказали лечиться без него.");
        var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);

        await PressAsync(moderators, muted, T("mod.take"));
        await moderators.MemberRepliesAsync(muted, card, "Заметка от ограниченного участника.");
        var refusedQueue = await Do(muted, m => m.SendsAsync("/queue"));

        Assert.Equal(T("mod.refused"), Server.Calls("answerCallbackQuery")[^1].String("text"));
        Assert.Contains(T("mod.refused"), refusedQueue.Text);
        var report = await bot.Reports.FindByLabelAsync(label);
        Assert.Equal(ReportStatus.New, report?.Status);
        Assert.Empty(report?.Notes ?? []);
        Assert.Contains(Server.Calls("getChatMember"), c => c.ChatId == TelegramBotHost.ModeratorsChatId);
    }

    [Fact]
    public async Task AMembersReplyToABotMessageThatIsNoQuestionTheBotSentIsNotTakenAsAnAnswer()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(744100);
        var member = Server.PrivateChatWith(userId: 744001, firstName: "M", username: null, languageCode: "ru");
        var (label, _) = await SubmitAsync(744001, followUp: true, "Три дня не давали метадон в стационаре, сказали лечиться без него.");
        await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        // Whatever the bot answers to text that looks like a relayed question, it is not a question it stored as sent.
        var echo = await Do(member, m => m.SendsAsync("❓ " + label));

        await member.RepliesAsync(echo, "Это не ответ ни на какой вопрос, а текст участника.");
        await Server.WaitUntilIdleAsync();

        Assert.Empty((await bot.Reports.FindByLabelAsync(label))?.Additions ?? []);
        Assert.DoesNotContain(InModerators(), m => m.Text?.Contains("не ответ ни на какой вопрос", StringComparison.Ordinal) == true);
    }
}
