using System.Globalization;
using CommunityBot.Privacy;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Reports;
using CommunityBot.Tests.Letters;
using CommunityBot.Tests.Moderation;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Appeal letters drafted in Telegram, end to end through the fake Bot API: <c>/letter</c> and the card's
/// Letter button, answers by reply, the preview, and the .docx the bot uploads.</summary>
public sealed class LetterChatTests : TelegramScenario
{
    private const string Mark = "✉️ ";
    private const long ActivistsChatId = -1005000000001;
    private const string Single = "appeal-chief-narcologist";
    private const string Collective = "summary-appeal-health-department";
    private const string CanaryName = "Канареечкину К. К.";

    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["recipient"] = "Руководителю Управления общественного здравоохранения г. Алматы",
        ["recipient_name"] = CanaryName,
        ["sender"] = "Общественный фонд «Сообщество пациентов ОЗТ»",
        ["sender_bin"] = "123456789012",
        ["sender_address"] = "050000, г. Алматы, ул. Абая, 1",
        // Markup characters in an answer must reach the chat escaped and the letter as typed.
        ["legal_basis"] = "Кодекс «О здоровье» & приказ <№ 1>",
        ["signatory"] = "Председатель правления А. Б. Сидоров",
        ["take_home_days"] = "7",
    };

    /// <summary>The bot's clock: noon today in the bot's time zone, so that "today" and "last month" read by the test
    /// are the bot's, even when the test runs at midnight there.</summary>
    private readonly ShiftedClock _clock = new(TestStores.Calendar.TimeZone);

    private int _stored;

    private static string T(string key) => Texts.Get("ru", key);

    private static bool IsQuestion(BotMessage message) => message.Text?.StartsWith(Mark, StringComparison.Ordinal) == true;

    private static bool IsPreview(BotMessage message) => message.ButtonTexts.Contains(T("letters.tg.send"));

    private (FakeGroup Group, FakeMember Moderator) Moderators(long userId = 732000, string name = "Айгуль")
    {
        var group = Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        var moderator = Server.PrivateChatWith(userId: userId, firstName: name, username: null, languageCode: "ru");
        Server.SetMembership(TelegramBotHost.ModeratorsChatId, moderator.UserId, "member");
        return (group, moderator);
    }

    /// <summary>A report stored and announced as a member's submission is, so that its card goes up.</summary>
    private async Task<string> StoreAsync(TelegramBotHost bot, DateOnly day, bool appealsConsent = true)
    {
        _stored++;
        var report = new StatisticsReport("hospital", day, AppealsConsent: appealsConsent, Narrative: "Три дня не давали метадон в стационаре.");
        var submitted = await bot.Reports.SubmitAsync(new PeriodPseudonym("draft-" + _stored.ToString(CultureInfo.InvariantCulture), 0, []), report.ToNewReport());
        bot.Services.GetRequiredService<ReportEvents>().Add(new ReportEvent(submitted.Id, ReportEventKind.Submitted));
        return submitted.Label;
    }

    private static DateOnly Today(TelegramBotHost bot) =>
        bot.Services.GetRequiredService<CalendarSettings>().Today(bot.Services.GetRequiredService<TimeProvider>().GetUtcNow());

    private Task<TelegramBotHost> StartLetterBotAsync(IReadOnlyDictionary<string, string?>? overrides = null) =>
        StartBotAsync(overrides, services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));

    private static LetterTemplate Template(TelegramBotHost bot, string id) =>
        bot.Services.GetRequiredService<LetterWriter>().Find(id, "ru") ?? throw new InvalidOperationException("no template " + id);

    /// <summary>Answers each field question until the preview comes; returns it with the names of the fields asked.</summary>
    private static async Task<(BotMessage Preview, List<string> Asked)> AnswerFieldsAsync(
        LetterTemplate template, Func<Func<BotMessage, bool>, Task<BotMessage>> next, Func<BotMessage, string, Task> answer)
    {
        var asked = new List<string>();
        while (true)
        {
            var message = await next(m => IsQuestion(m) || IsPreview(m));
            if (IsPreview(message))
            {
                return (message, asked);
            }
            var field = template.Fields.Single(f => message.Text?.Contains(f.Prompt, StringComparison.Ordinal) == true);
            asked.Add(field.Name);
            await answer(message, Answers[field.Name]);
        }
    }

    private static Task<(BotMessage Preview, List<string> Asked)> AnswerFieldsInGroupAsync(LetterTemplate template, FakeGroup group, FakeMember moderator) =>
        AnswerFieldsAsync(template, p => group.WaitForReplyAsync(p), (question, text) => group.MemberRepliesAsync(moderator, question, text));

    /// <summary>Presses Send .docx and returns the document the bot uploaded next.</summary>
    private async Task<ApiCall> SendDocxAsync(Func<string, Task> press)
    {
        var before = Server.Calls("sendDocument").Count;
        await press(T("letters.tg.send"));
        await EventuallyAsync(() => Server.Calls("sendDocument").Count > before, "no .docx was sent");
        return Server.Calls("sendDocument")[before];
    }

    [Fact]
    public async Task AModeratorDraftsALetterByRepliesAndGetsTheDocxAndTheNextLetterAsksNoFieldAgain()
    {
        await using var bot = await StartLetterBotAsync();
        var (group, aigul) = Moderators();
        var label = await StoreAsync(bot, Today(bot));
        var template = Template(bot, Single);

        await group.MemberSaysAsync(aigul, "/letter");
        var pick = await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberPressesAsync(aigul, template.Title);
        var which = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesAsync(aigul, which, "R-ZZZZ");
        var unknown = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesAsync(aigul, unknown, label.ToLowerInvariant());
        var (preview, asked) = await AnswerFieldsInGroupAsync(template, group, aigul);
        var document = await SendDocxAsync(button => group.MemberPressesAsync(aigul, button));

        Assert.Contains(Template(bot, Collective).Title, pick.ButtonTexts);
        Assert.Equal(Mark + T("letters.tg.report"), which.Text);
        Assert.Equal(Mark + T("letters.tg.report_unknown").Replace("{label}", "R-ZZZZ", StringComparison.Ordinal), unknown.Text);
        Assert.Equal(template.RequiredFields.Select(f => f.Name), asked);
        var previewParts = group.BotMessages.Where(m => m.MessageId <= preview.MessageId && m.MessageId > unknown.MessageId && !IsQuestion(m)).ToList();
        Assert.Contains(Answers["legal_basis"], string.Join("\n", previewParts.Select(m => m.Text)));
        Assert.Contains("&lt;№ 1&gt;", string.Join("\n", previewParts.Select(m => m.SentText)));
        Assert.Equal($"{Single}-{label}-{Today(bot):yyyy-MM-dd}.docx", document.Files.Single().FileName);
        var (errors, text) = LetterBench.Open([.. document.Files.Single().Bytes]);
        Assert.Empty(errors);
        foreach (var value in Answers.Values)
        {
            Assert.Contains(value, text);
        }
        Assert.Contains(label, text);
        Assert.Contains("Городской наркологический центр", text);
        Assert.Contains("Три дня не давали метадон", text);
        Assert.Empty(Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == preview.MessageId).Buttons);

        // The second letter by the same moderator goes from the label straight to the preview.
        var second = await StoreAsync(bot, Today(bot));
        await group.MemberSaysAsync(aigul, "/letter");
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberPressesAsync(aigul, template.Title);
        await group.MemberRepliesAsync(aigul, await group.WaitForReplyAsync(IsQuestion), second);
        var (again, askedAgain) = await AnswerFieldsInGroupAsync(template, group, aigul);
        Assert.Empty(askedAgain);
        Assert.Contains(second, again.Text);
    }

    [Fact]
    public async Task TheCardsLetterButtonGoesStraightToTheTemplatesForThatReport()
    {
        await using var bot = await StartLetterBotAsync();
        var (group, aigul) = Moderators(732100);
        var label = await StoreAsync(bot, Today(bot));
        var card = await group.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        var template = Template(bot, "police-at-ost-sites");

        await group.MemberPressesAsync(aigul, T("letters.tg.card_button"));
        var pick = await group.WaitForReplyAsync(m => m.Buttons.Count > 0);
        await group.MemberPressesAsync(aigul, template.Title);
        var first = await group.WaitForReplyAsync(IsQuestion);

        Assert.Contains(T("letters.tg.card_button"), card.ButtonTexts);
        Assert.Equal(T("letters.tg.pick_for").Replace("{label}", label, StringComparison.Ordinal), pick.Text);
        var singles = bot.Services.GetRequiredService<LetterWriter>().Templates("ru", LetterKind.Single).Select(t => t.Title);
        Assert.Equal([.. singles, "✕ " + T("nav.cancel")], pick.ButtonTexts);
        Assert.Equal(Mark + T("letters.tg.field").Replace("{prompt}", template.RequiredFields.First().Prompt, StringComparison.Ordinal), first.Text);
        var edited = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == pick.MessageId);
        Assert.Empty(edited.Buttons);
        Assert.Contains("→ " + template.Title, edited.Text);
    }

    [Fact]
    public async Task AReportWithoutTheMembersConsentToAppealsGetsNoLetterOfItsOwnByLabelOrByCard()
    {
        await using var bot = await StartLetterBotAsync();
        var (group, aigul) = Moderators(732150);
        var label = await StoreAsync(bot, Today(bot), appealsConsent: false);
        await group.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        var template = Template(bot, Single);

        var answered = Server.Calls("answerCallbackQuery").Count;
        await group.MemberPressesAsync(aigul, T("letters.tg.card_button"));
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Count > answered, "the press was not answered");
        var cardRefusal = Server.Calls("answerCallbackQuery")[^1];
        await group.MemberSaysAsync(aigul, "/letter");
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberPressesAsync(aigul, template.Title);
        var which = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesAsync(aigul, which, label.ToLowerInvariant());
        var refused = await group.WaitForReplyAsync(m => IsQuestion(m) && m.MessageId > which.MessageId);

        Assert.Equal(T("letters.tg.no_consent_card"), cardRefusal.String("text"));
        Assert.Equal("true", cardRefusal.String("show_alert"));
        Assert.DoesNotContain(Server.SentMessages(TelegramBotHost.ModeratorsChatId),
            m => m.Text == T("letters.tg.pick_for").Replace("{label}", label, StringComparison.Ordinal));
        Assert.Equal(Mark + T("letters.tg.no_consent").Replace("{label}", label, StringComparison.Ordinal), refused.Text);
        Assert.DoesNotContain(Server.SentMessages(TelegramBotHost.ModeratorsChatId), m => m.Text?.Contains(template.RequiredFields.First().Prompt, StringComparison.Ordinal) == true);
        Assert.Empty(Server.Calls("sendDocument"));
    }

    [Fact]
    public async Task ACollectiveLetterForLastMonthCountsTheReportsOfThatMonthOnly()
    {
        await using var bot = await StartLetterBotAsync();
        var (group, aigul) = Moderators(732200);
        var today = Today(bot);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        foreach (var day in new[] { lastMonth, lastMonth.AddDays(1), lastMonth.AddDays(2), new DateOnly(today.Year, today.Month, 1), lastMonth.AddMonths(-1) })
        {
            await StoreAsync(bot, day);
        }
        var template = Template(bot, Collective);

        await group.MemberSaysAsync(aigul, "/letter");
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberPressesAsync(aigul, template.Title);
        var set = await group.WaitForReplyAsync(m => m.Text == T("letters.tg.set"));
        await group.MemberPressesAsync(aigul, T("letters.tg.set.last_month").Split(':')[0]);
        var (preview, asked) = await AnswerFieldsInGroupAsync(template, group, aigul);
        var document = await SendDocxAsync(button => group.MemberPressesAsync(aigul, button));

        Assert.Contains("Всего сообщений: 3.", preview.Text);
        Assert.Equal(6, set.Buttons.Count);
        Assert.Equal(template.RequiredFields.Select(f => f.Name), asked);
        var (errors, text) = LetterBench.Open([.. document.Files.Single().Bytes]);
        Assert.Empty(errors);
        Assert.Contains("Всего сообщений: 3.", text);
        Assert.Contains(CanaryName, text);
        Assert.Equal($"{Collective}-{lastMonth:yyyy-MM}-{lastMonth:yyyy-MM}.docx", document.Files.Single().FileName);
    }

    [Fact]
    public async Task ACollectiveLetterThatCountsNoReportIsNotWrittenAndTheAnswersTypedAreKept()
    {
        await using var bot = await StartLetterBotAsync();
        var (group, aigul) = Moderators(732250);
        var today = Today(bot);
        // Reports this month only: last month has none.
        await StoreAsync(bot, new DateOnly(today.Year, today.Month, 1));
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var template = Template(bot, Collective);
        var refusal = T("letters.tg.no_reports").Replace("{filter}", lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), StringComparison.Ordinal);

        await group.MemberSaysAsync(aigul, "/letter");
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberPressesAsync(aigul, template.Title);
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.set"));
        await group.MemberPressesAsync(aigul, T("letters.tg.set.last_month").Split(':')[0]);
        var asked = 0;
        var answer = await group.WaitForReplyAsync(m => IsQuestion(m) || IsPreview(m) || m.Text == refusal);
        while (IsQuestion(answer))
        {
            asked++;
            await group.MemberRepliesAsync(aigul, answer, Answers[template.Fields.Single(f => answer.Text?.Contains(f.Prompt, StringComparison.Ordinal) == true).Name]);
            answer = await group.WaitForReplyAsync(m => IsQuestion(m) || IsPreview(m) || m.Text == refusal);
        }
        // A second try asks nothing typed before.
        await group.MemberSaysAsync(aigul, "/letter");
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberPressesAsync(aigul, template.Title);
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.set"));
        await group.MemberPressesAsync(aigul, T("letters.tg.set.last_month").Split(':')[0]);
        var again = await group.WaitForReplyAsync(m => IsQuestion(m) || IsPreview(m) || m.Text == refusal);

        Assert.Equal(refusal, answer.Text);
        Assert.Equal(template.RequiredFields.Count(), asked);
        Assert.Equal(refusal, again.Text);
        Assert.Empty(Server.Calls("sendDocument"));
    }

    [Fact]
    public async Task AFilterTypedAsWordsChoosesTheReportsAndAWrongWordIsExplained()
    {
        await using var bot = await StartLetterBotAsync();
        var (group, aigul) = Moderators(732300);
        var today = Today(bot);
        foreach (var day in new[] { today, today, today })
        {
            await StoreAsync(bot, day);
        }
        var template = Template(bot, Collective);

        await group.MemberSaysAsync(aigul, "/letter");
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberPressesAsync(aigul, template.Title);
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.set"));
        await group.MemberPressesAsync(aigul, T("letters.tg.set.words"));
        var words = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesAsync(aigul, words, "2026 больница");
        var refused = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesAsync(aigul, refused, today.ToString("yyyy-MM", CultureInfo.InvariantCulture) + " hospital");
        await AnswerFieldsInGroupAsync(template, group, aigul);
        var document = await SendDocxAsync(button => group.MemberPressesAsync(aigul, button));

        Assert.StartsWith(Mark + T("letters.tg.filter"), words.Text, StringComparison.Ordinal);
        Assert.StartsWith(Mark + T("mod.filter.unknown").Replace("{position}", "2", StringComparison.Ordinal), refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("больница", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Всего сообщений: 3.", LetterBench.Open([.. document.Files.Single().Bytes]).Text);
    }

    [Fact]
    public async Task AFieldIsChangedFromThePreviewAndACancelledLetterKeepsNothing()
    {
        await using var bot = await StartLetterBotAsync();
        var (group, aigul) = Moderators(732350);
        var label = await StoreAsync(bot, Today(bot));
        var template = Template(bot, Single);
        await group.MemberSaysAsync(aigul, "/letter");
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberPressesAsync(aigul, template.Title);
        await group.MemberRepliesAsync(aigul, await group.WaitForReplyAsync(IsQuestion), label);
        var (preview, _) = await AnswerFieldsInGroupAsync(template, group, aigul);

        await group.MemberPressesAsync(aigul, T("letters.tg.change"));
        await EventuallyAsync(() => Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == preview.MessageId).ButtonTexts.Contains("Кто подписывает"),
            "the preview does not list the fields");
        var fields = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == preview.MessageId);
        await group.MemberPressesAsync(aigul, "Кто подписывает");
        var question = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesAsync(aigul, question, "Координатор Д. Е. Жуков");
        var changed = await group.WaitForReplyAsync(IsPreview);
        await group.MemberPressesAsync(aigul, "✕ " + T("nav.cancel"));
        var cancelled = await group.WaitForReplyAsync(m => m.Text == T("letters.tg.cancelled"));

        Assert.Equal(template.Fields.Length + 1, fields.Buttons.Count);
        Assert.Contains(T("letters.tg.new_value").Split('\n')[1].Replace("{value}", Answers["signatory"], StringComparison.Ordinal), question.Text);
        Assert.Contains("Координатор Д. Е. Жуков", changed.Text);
        Assert.DoesNotContain(Answers["signatory"], changed.Text);
        Assert.NotNull(cancelled);
        Assert.Empty(Server.Calls("sendDocument"));
        var person = bot.Services.GetRequiredService<CommunityBot.Privacy.Pseudonyms>();
        Assert.Empty(await bot.Services.GetRequiredService<LetterDefaults>().RecallAsync(
            CommunityBot.Channels.Telegram.Moderation.ModeratorPseudonyms.OfModerator(person, aigul.UserId)));
    }

    [Fact]
    public async Task SomeoneNotAllowedIsRefusedAndAPressOrReplyOnAnotherModeratorsLetterChangesNothing()
    {
        await using var bot = await StartLetterBotAsync();
        var (group, aigul) = Moderators(732400);
        var (_, bolat) = Moderators(732401, "Болат");
        var outsider = Server.PrivateChatWith(userId: 732402, firstName: "Чужой", username: null, languageCode: "ru");
        var label = await StoreAsync(bot, Today(bot));
        var template = Template(bot, Single);

        var refused = await Do(outsider, m => m.SendsAsync("/letter"));
        await group.MemberSaysAsync(aigul, "/letter");
        var pick = await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        var answered = Server.Calls("answerCallbackQuery").Count;
        await group.MemberPressesAsync(bolat, template.Title);
        await EventuallyAsync(() => Server.Calls("answerCallbackQuery").Count > answered, "the forged press was not answered");
        var forged = Server.Calls("answerCallbackQuery")[^1];
        var stillThere = Server.SentMessages(TelegramBotHost.ModeratorsChatId).Single(m => m.MessageId == pick.MessageId);

        await group.MemberPressesAsync(aigul, template.Title);
        var which = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesAsync(bolat, which, label);
        var stale = await group.WaitForReplyAsync(m => m.ReplyToMessageId is not null);
        await group.MemberRepliesAsync(aigul, which, label);
        var field = await group.WaitForReplyAsync(IsQuestion);

        Assert.Equal(T("letters.tg.refused"), refused.Text);
        Assert.Equal(T("tg.stale_button"), forged.String("text"));
        Assert.Equal(pick.ButtonTexts, stillThere.ButtonTexts);
        Assert.Equal(T("tg.stale_button"), stale.Text);
        Assert.Contains(template.RequiredFields.First().Prompt, field.Text);
        Assert.Empty(Server.Calls("sendDocument"));
    }

    [Fact]
    public async Task AnActivistDraftsInPrivateWithPlainMessagesUntilTheyLeaveTheActivistsGroup()
    {
        await using var bot = await StartLetterBotAsync(new Dictionary<string, string?>
        {
            ["Telegram:ActivistsChatId"] = ActivistsChatId.ToString(CultureInfo.InvariantCulture),
        });
        var activists = Server.Group(ActivistsChatId, "Активисты");
        var dana = Server.PrivateChatWith(userId: 732500, firstName: "Дана", username: null, languageCode: "ru");
        Server.SetMembership(ActivistsChatId, dana.UserId, "member");
        var label = await StoreAsync(bot, Today(bot));
        var template = Template(bot, Single);

        await Do(dana, m => m.SendsAsync("/letter"));
        await Do(dana, m => m.PressesAsync(template.Title));
        await dana.SendsAsync(label);
        var (preview, asked) = await AnswerFieldsAsync(template, p => dana.WaitForReplyAsync(p), (_, text) => dana.SendsAsync(text));
        var document = await SendDocxAsync(button => dana.PressesAsync(button));

        Assert.Equal(template.RequiredFields.Select(f => f.Name), asked);
        Assert.Equal(dana.ChatId, document.ChatId);
        Assert.Contains(CanaryName, LetterBench.Open([.. document.Files.Single().Bytes]).Text);
        Assert.Contains(label, preview.Text);

        // Out of the group: the next /letter is refused at once, without waiting for the remembered answer to age.
        Server.SetMembership(ActivistsChatId, dana.UserId, "left");
        await activists.MemberStatusChangesAsync(dana, "left");
        await Server.WaitUntilIdleAsync();
        var refused = await Do(dana, m => m.SendsAsync("/letter"));
        Assert.Equal(T("letters.tg.refused"), refused.Text);
    }

    [Fact]
    public async Task InPrivateEveryChoiceOfALetterCanBeTypedByItsNumberOrItsLabel()
    {
        await using var bot = await StartLetterBotAsync(new Dictionary<string, string?>
        {
            ["Telegram:ActivistsChatId"] = ActivistsChatId.ToString(CultureInfo.InvariantCulture),
        });
        Server.Group(ActivistsChatId, "Активисты");
        var dana = Server.PrivateChatWith(userId: 732500, firstName: "Дана", username: null, languageCode: "ru");
        Server.SetMembership(ActivistsChatId, dana.UserId, "member");
        var label = await StoreAsync(bot, Today(bot));
        var template = Template(bot, Single);

        var pick = await Do(dana, m => m.SendsAsync("/letter"));
        var unknown = await Do(dana, m => m.SendsAsync("пожалуйста, про больницу"));
        await dana.SendsAsync("1");
        var which = await dana.WaitForReplyAsync(IsQuestion);
        await dana.SendsAsync(label);
        var (preview, asked) = await AnswerFieldsAsync(template, p => dana.WaitForReplyAsync(p), (_, text) => dana.SendsAsync(text));
        var document = await SendDocxAsync(button => dana.SendsAsync(button));

        Assert.Equal(T("letters.tg.pick"), pick.Text);
        Assert.Equal(T("error.choice.unknown"), unknown.Text);
        Assert.Equal(Mark + T("letters.tg.report"), which.Text);
        Assert.Equal(template.RequiredFields.Select(f => f.Name), asked);
        Assert.Contains(label, preview.Text);
        Assert.Contains(CanaryName, LetterBench.Open([.. document.Files.Single().Bytes]).Text);
    }

    [Fact]
    public async Task InTheGroupAChoiceIsTypedInReplyToItsButtonsAndBackOrCancelTypedSteerTheLetter()
    {
        await using var bot = await StartLetterBotAsync();
        var (group, aigul) = Moderators(732700);
        var label = await StoreAsync(bot, Today(bot));
        var template = Template(bot, Single);
        var first = template.RequiredFields.First().Prompt;

        await group.MemberSaysAsync(aigul, "/letter");
        var pick = await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberRepliesAsync(aigul, pick, "№1");
        var which = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesAsync(aigul, which, label);
        var field = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesAsync(aigul, field, "Назад");
        var again = await group.WaitForReplyAsync(m => IsQuestion(m) && m.MessageId > field.MessageId);
        await group.MemberRepliesAsync(aigul, again, label);
        var fieldAgain = await group.WaitForReplyAsync(m => IsQuestion(m) && m.MessageId > again.MessageId);
        await group.MemberRepliesAsync(aigul, fieldAgain, "/back");
        var backAgain = await group.WaitForReplyAsync(m => IsQuestion(m) && m.MessageId > fieldAgain.MessageId);
        await group.MemberSaysAsync(aigul, "/cancel");
        var cancelled = await group.WaitForReplyAsync(m => m.MessageId > backAgain.MessageId);

        Assert.Equal(Mark + T("letters.tg.report"), which.Text);
        Assert.Contains(first, field.Text);
        Assert.Equal(Mark + T("letters.tg.report"), again.Text);
        Assert.Contains(first, fieldAgain.Text);
        Assert.Equal(Mark + T("letters.tg.report"), backAgain.Text);
        Assert.Equal(T("letters.tg.cancelled"), cancelled.Text);
        Assert.Empty(Server.Calls("sendDocument"));
    }

    [Fact]
    public async Task InPrivateBackAndCancelTypedAsCommandsSteerTheOpenLetterInsteadOfEndingItUnasked()
    {
        await using var bot = await StartActivistsBotAsync();
        var (dana, label, template) = await PrivateLetterBegunAsync(bot, 732800);
        var field = await Do(dana, m => m.SendsAsync(label));
        var second = await Do(dana, m => m.SendsAsync(Answers["recipient"]));
        var back = await Do(dana, m => m.SendsAsync("/back"));
        var cancelled = await Do(dana, m => m.SendsAsync("/cancel"));
        var afterwards = await Do(dana, m => m.SendsAsync(Answers["recipient"]));

        Assert.Contains(template.RequiredFields.First().Prompt, field.Text);
        Assert.Contains(template.RequiredFields.ElementAt(1).Prompt, second.Text);
        Assert.Contains(template.RequiredFields.First().Prompt, back.Text);
        Assert.Equal(T("letters.tg.cancelled"), cancelled.Text);
        Assert.DoesNotContain(template.RequiredFields.ElementAt(1).Prompt, afterwards.Text ?? "");
        Assert.Empty(Server.Calls("sendDocument"));
    }

    [Fact]
    public async Task InPrivateAnotherCommandInTheMiddleOfALetterSaysTheLetterEndedBeforeItsOwnAnswer()
    {
        await using var bot = await StartActivistsBotAsync();
        var (dana, label, template) = await PrivateLetterBegunAsync(bot, 732820);
        await Do(dana, m => m.SendsAsync(label));
        var before = dana.Replies.Count;
        await dana.SendsAsync("/status");
        await Server.WaitUntilIdleAsync();
        var answers = dana.Replies.Skip(before).ToList();
        var afterwards = await Do(dana, m => m.SendsAsync(Answers["recipient"]));

        Assert.Equal(2, answers.Count);
        Assert.Equal(T("letters.tg.cancelled"), answers[0].Text);
        Assert.Equal(T("status.usage"), answers[1].Text);
        Assert.DoesNotContain(template.RequiredFields.ElementAt(1).Prompt, afterwards.Text ?? "");
    }

    [Fact]
    public async Task InPrivateHelpTypedInTheMiddleOfALetterIsAnsweredAndALetterTypedYesIsSent()
    {
        await using var bot = await StartActivistsBotAsync();
        var (dana, label, template) = await PrivateLetterBegunAsync(bot, 732850);
        await Do(dana, m => m.SendsAsync(label));
        var help = await Do(dana, m => m.SendsAsync("/help"));
        // The first field is asked again below the help, and every field is answered; at the letter shown, "да" sends it.
        var (preview, asked) = await AnswerFieldsAsync(template, p => dana.WaitForReplyAsync(p), (_, text) => dana.SendsAsync(text));
        var document = await SendDocxAsync(_ => dana.SendsAsync("да"));

        Assert.Equal(T("letters.help"), help.Text);
        Assert.Equal(template.RequiredFields.Select(f => f.Name), asked);
        Assert.DoesNotContain("/help", preview.Text);
        Assert.Contains(Answers["recipient"], LetterBench.Open([.. document.Files.Single().Bytes]).Text);
    }

    [Fact]
    public async Task InPrivateChangeAFieldTypedUnderTheLetterIsAnsweredWithTheFieldsBelowIt()
    {
        await using var bot = await StartActivistsBotAsync();
        var (dana, label, template) = await PrivateLetterBegunAsync(bot, 732870);
        await dana.SendsAsync(label);
        await AnswerFieldsAsync(template, p => dana.WaitForReplyAsync(p), (_, text) => dana.SendsAsync(text));
        // Typed, not pressed: the letter above may be screens away, so the fields come in a message of their own.
        var fields = await Do(dana, m => m.SendsAsync("изменить поле"));
        var asked = await Do(dana, m => m.SendsAsync("кто подписывает"));

        Assert.Equal(T("letters.tg.change"), fields.Text);
        Assert.Contains("Кто подписывает", fields.ButtonTexts);
        Assert.Contains(Answers["signatory"], asked.Text);
    }

    [Fact]
    public async Task AStickerOrPhotoWhereALetterWaitsForWordsIsAnsweredAndTheQuestionStaysOpen()
    {
        await using var bot = await StartLetterBotAsync(new Dictionary<string, string?>
        {
            ["Telegram:ActivistsChatId"] = ActivistsChatId.ToString(CultureInfo.InvariantCulture),
        });
        Server.Group(ActivistsChatId, "Активисты");
        var dana = Server.PrivateChatWith(userId: 732900, firstName: "Дана", username: null, languageCode: "ru");
        Server.SetMembership(ActivistsChatId, dana.UserId, "member");
        var (group, aigul) = Moderators(732901);
        var label = await StoreAsync(bot, Today(bot));
        var template = Template(bot, Single);

        await Do(dana, m => m.SendsAsync("/letter"));
        await dana.SendsAsync("1");
        await dana.WaitForReplyAsync(IsQuestion);
        var sticker = await Do(dana, m => m.SendsStickerAsync());
        var photo = await Do(dana, m => m.SendsPhotoAsync("R-7K3Q"));
        var field = await Do(dana, m => m.SendsAsync(label));

        await group.MemberSaysAsync(aigul, "/letter");
        await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
        await group.MemberPressesAsync(aigul, template.Title);
        var which = await group.WaitForReplyAsync(IsQuestion);
        await group.MemberRepliesWithStickerAsync(aigul, which);
        var inGroup = await group.WaitForReplyAsync();
        await group.MemberRepliesAsync(aigul, which, label);
        var groupField = await group.WaitForReplyAsync(IsQuestion);

        Assert.Equal(T("letters.tg.words_only"), sticker.Text);
        Assert.Equal(T("letters.tg.words_only"), photo.Text);
        Assert.Contains(template.RequiredFields.First().Prompt, field.Text);
        Assert.Equal(T("letters.tg.words_only"), inGroup.Text);
        Assert.Contains(template.RequiredFields.First().Prompt, groupField.Text);
    }

    [Fact]
    public async Task FieldAnswersReachNeitherTheDatabaseNorTheLogInClear()
    {
        const string CanaryBasis = "Канарейкин закон о канарейках";
        var answers = new Dictionary<string, string>(Answers, StringComparer.Ordinal) { ["legal_basis"] = CanaryBasis };
        string label;
        await using (var bot = await StartLetterBotAsync())
        {
            var (group, aigul) = Moderators(732600);
            label = await StoreAsync(bot, Today(bot));
            var template = Template(bot, Single);
            await group.MemberSaysAsync(aigul, "/letter");
            await group.WaitForReplyAsync(m => m.Text == T("letters.tg.pick"));
            await group.MemberPressesAsync(aigul, template.Title);
            await group.MemberRepliesAsync(aigul, await group.WaitForReplyAsync(IsQuestion), label);
            await AnswerFieldsAsync(template, p => group.WaitForReplyAsync(p), (question, _) =>
                group.MemberRepliesAsync(aigul, question, answers[template.Fields.Single(f => question.Text?.Contains(f.Prompt, StringComparison.Ordinal) == true).Name]));
            var document = await SendDocxAsync(button => group.MemberPressesAsync(aigul, button));
            Assert.Contains(CanaryBasis, LetterBench.Open([.. document.Files.Single().Bytes]).Text);
            await Server.WaitUntilIdleAsync();
        }

        var files = Directory.EnumerateFiles(Data.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("keys.json", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.Contains("logs", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var canary in new[] { CanaryName, CanaryBasis, "Канареечкину", "канарейках" })
            {
                Assert.False(RawBytes.Contain(bytes, canary), $"{Path.GetFileName(file)} holds '{canary}'");
            }
        }

        // They are there, encrypted, as the moderator's defaults for next time (and only there).
        await using var again = await StartLetterBotAsync();
        var person = again.Services.GetRequiredService<CommunityBot.Privacy.Pseudonyms>();
        var remembered = await again.Services.GetRequiredService<LetterDefaults>().RecallAsync(
            CommunityBot.Channels.Telegram.Moderation.ModeratorPseudonyms.OfModerator(person, 732600));
        Assert.Equal(CanaryBasis, remembered.GetValueOrDefault("legal_basis"));
        var report = await again.Reports.FindByLabelAsync(label);
        Assert.DoesNotContain(report?.Notes ?? [], n => n.Text.Contains("Канар", StringComparison.Ordinal));
    }

    private Task<TelegramBotHost> StartActivistsBotAsync() => StartLetterBotAsync(new Dictionary<string, string?>
    {
        ["Telegram:ActivistsChatId"] = ActivistsChatId.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>An activist in a private chat has begun a letter on a stored report and is asked for the report.</summary>
    private async Task<(FakeMember Dana, string Label, LetterTemplate Template)> PrivateLetterBegunAsync(TelegramBotHost bot, long userId)
    {
        Server.Group(ActivistsChatId, "Активисты");
        var dana = Server.PrivateChatWith(userId: userId, firstName: "Дана", username: null, languageCode: "ru");
        Server.SetMembership(ActivistsChatId, dana.UserId, "member");
        var label = await StoreAsync(bot, Today(bot));
        var template = Template(bot, Single);
        await Do(dana, m => m.SendsAsync("/letter"));
        await dana.SendsAsync("1");
        await dana.WaitForReplyAsync(IsQuestion);
        return (dana, label, template);
    }
}
