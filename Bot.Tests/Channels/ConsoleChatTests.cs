using System.Globalization;
using CommunityBot.Channels.Console;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityBot.Tests.Channels;

public sealed class ConsoleChatTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AScriptedRussianSessionEndsWithAReceiptAndStoresTheAnswers()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));

        var code = Scripts.ReceiptCode().Match(output);
        Assert.True(code.Success, output);
        Assert.Contains("Алматы", output);
        var report = await host.Reports.FindByReceiptAsync(code.Value);
        Assert.NotNull(report);
        Assert.Equal("ru", report.Language);
        Assert.Equal(new ChoiceAnswer("hospital"), report.Answers["category"]);
        Assert.Equal(new DateAnswer(new DateOnly(2026, 3, 12)), report.Answers["when"]);
        Assert.Equal(new TextAnswer(Scripts.RussianStory), report.Answers["narrative"]);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), report.Answers["consequences"]);
        Assert.Equal(new YesNoAnswer(true), report.Answers["appeals_consent"]);
        Assert.Equal(new YesNoAnswer(false), report.Answers["followup_consent"]);
        Assert.Equal(Scripts.Label().Match(output).Value, report.Label);
    }

    [Fact]
    public async Task AScriptedEnglishSessionEndsWithAReceipt()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync("en", Scripts.WholeReport(Scripts.EnglishStory, date: "yesterday"));

        var code = Scripts.ReceiptCode().Match(output);
        Assert.True(code.Success, output);
        Assert.Contains("Your code", output);
        // Below the receipt: the screen, with the whole conversation on it, is the member's to close or clear.
        Assert.Contains(ShippedFlow.Load().Texts.Get("en", "receipt.terminal_hint"), output[code.Index..]);
        var report = await host.Reports.FindByReceiptAsync(code.Value.ToLowerInvariant());
        Assert.NotNull(report);
        Assert.Equal("en", report.Language);
        Assert.Equal(new DateAnswer(new DateOnly(2026, 11, 28)), report.Answers["when"]);
    }

    [Fact]
    public async Task AKazakhSessionTypedInWordsAndNumbersEndsWithAReceipt()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        const string story = "Мені ауруханаға пневмониямен жатқызды, үш күн метадон бермеді. Дәрігер лицензиямыз жоқ деді.";

        var output = await host.TypeAsync("kk",
            "/report",
            "Иә, бастау",                 // consent, by its label
            "Ауруханада ОЗТ бермеді",     // category: hospital, by its label
            "1",                          // affected: me
            "кеше",                       // when: yesterday, in Kazakh
            "Шығыс Қазақстан облысы",     // region, by its Kazakh name
            "Өскемен",                    // city, by its Kazakh name
            "Аурухана",                   // facility kind: hospital
            "Қалалық №1 аурухана",        // a facility not in the list, typed
            story,
            "1, 4",                       // consequences: missed doses, health worse
            "жоқ",                        // reported elsewhere: no
            "иә",                         // use in appeals: yes
            "жок",                        // follow-up: no, typed without the Kazakh letter
            "Жіберу");                    // review: submit

        Assert.Contains(texts.Get("kk", "consent.prompt")[..40], output);
        Assert.Contains(texts.Get("kk", "when.prompt"), output);
        var code = Scripts.ReceiptCode().Match(output);
        Assert.True(code.Success, output);
        Assert.Contains("Сіздің кодыңыз", output);
        var report = await host.Reports.FindByReceiptAsync(code.Value);
        Assert.NotNull(report);
        Assert.Equal("kk", report.Language);
        Assert.Equal(new ChoiceAnswer("hospital"), report.Answers["category"]);
        Assert.Equal(new ChoiceAnswer("me"), report.Answers["affected"]);
        Assert.Equal(new DateAnswer(new DateOnly(2026, 11, 28)), report.Answers["when"]);
        Assert.Equal(new PlaceAnswer("east_kazakhstan", null), report.Answers["region"]);
        Assert.Equal(new PlaceAnswer("oskemen", null), report.Answers["city"]);
        Assert.Equal(new ChoiceAnswer("hospital"), report.Answers["facility_kind"]);
        Assert.Equal(new PlaceAnswer(null, "Қалалық №1 аурухана"), report.Answers["facility"]);
        Assert.Equal(new TextAnswer(story), report.Answers["narrative"]);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), report.Answers["consequences"]);
        Assert.Equal(new YesNoAnswer(false), report.Answers["reported"]);
        Assert.Equal(new YesNoAnswer(true), report.Answers["appeals_consent"]);
        Assert.Equal(new YesNoAnswer(false), report.Answers["followup_consent"]);
    }

    [Fact]
    public async Task AMemberWhoseReportWasNotAcceptedIsToldTheyCanAddDetails()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var output = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));
        var code = Scripts.ReceiptCode().Match(output).Value;
        var report = await host.Reports.FindByReceiptAsync(code);
        Assert.NotNull(report);
        await host.StatusChanges.DecideAsync(report.Id, new CommunityBot.Reports.StatusDecision.Reject("unverifiable"), "M-TEST");

        var status = await host.TypeAsync("ru", "/status " + code);

        Assert.Contains(ShippedFlow.Load().Texts.Get("ru", "status.rejected"), status);
        Assert.Contains("/add", status);
    }

    [Fact]
    public async Task TheTerminalStartsTheInterviewAtOnceSoTheFirstAnswerCounts()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("ru", [.. Scripts.WholeReport(Scripts.RussianStory).Skip(1)]);

        Assert.StartsWith(texts.Get("ru", "chat.welcome_console"), output.TrimStart());
        Assert.Contains(texts.Get("ru", "consent.prompt")[..30], output);
        Assert.DoesNotContain(texts.Get("ru", "draft.resumed"), output);
        Assert.Matches(Scripts.ReceiptCode(), output);
    }

    [Fact]
    public async Task AStoryPastedInManyLinesPastTheLimitIsKeptWholeUntilTheMemberChoosesToKeepItsStart()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var lines = Enumerable.Range(1, 120).Select(n => $"Строка {n}: медсестра опять не дала дозу и кричала при всех в коридоре больницы.").ToArray();
        var story = string.Join("\n", lines);
        Assert.InRange(story.Length, 8000, 10_000);

        var output = await host.TypeAsync("ru", [.. Scripts.UpToStory(lines[0]), .. lines[1..], "1", .. Scripts.Rest]);

        var code = Scripts.ReceiptCode().Match(output);
        Assert.True(code.Success, output);
        var report = await host.Reports.FindByReceiptAsync(code.Value);
        Assert.Equal(story[..6000], Assert.IsType<TextAnswer>(report?.Answers["narrative"]).Text);
        Assert.DoesNotContain("не сохранил", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "Врач сказал звонить ему на +7 701 234 56 78, иначе дозу в больнице не дадут.", "1", true)]
    [InlineData("ru", "Врач сказал звонить ему на +7 701 234 56 78, иначе дозу в больнице не дадут.", "Оставить как есть", false)]
    [InlineData("en", "The doctor said to call him on +7 701 234 56 78 or they would not give the dose.", "hide", true)]
    [InlineData("en", "The doctor said to call him on +7 701 234 56 78 or they would not give the dose.", "2", false)]
    public async Task AStoryWithAPhoneNumberReachesTheReceiptWhenEveryAnswerIsTyped(string language, string story, string choice, bool masked)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync(language, [.. Scripts.UpToStory(story), choice, .. Scripts.Rest]);

        var code = Scripts.ReceiptCode().Match(output);
        Assert.True(code.Success, output);
        var report = await host.Reports.FindByReceiptAsync(code.Value);
        var stored = Assert.IsType<TextAnswer>(report?.Answers["narrative"]).Text;
        Assert.Equal(masked, !stored.Contains("701", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWordThatFitsSeveralAnswersIsAnsweredWithThoseAnswersAndTheirNumbers()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("en", "1", "hospital", "1", "to my friend");

        Assert.Contains("“hospital” fits more than one answer:\n1. " + texts.Get("en", "category.hospital") + "\n14. " + texts.Get("en", "category.ambulance_maternity"), output);
        Assert.DoesNotContain(texts.Get("en", "error.choice.unknown"), output);
        Assert.Contains(texts.Get("en", "when.prompt")[..20], output);
    }

    [Fact]
    public async Task StartTypedAtTheFirstQuestionAsksItAgainWithoutAWelcomeBack()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("ru", "/start");

        Assert.DoesNotContain(texts.Get("ru", "draft.resumed"), output);
        var again = output[output.IndexOf(texts.Get("ru", "consent.prompt")[..30], StringComparison.Ordinal)..];
        Assert.Contains(texts.Get("ru", "consent.prompt")[..30], again[30..]);
    }

    [Fact]
    public async Task AfterARestartTheMemberContinuesAtTheSameQuestion()
    {
        string firstRun;
        await using (var host = await ChatHost.StartAsync(_data.Path))
        {
            firstRun = await host.TypeAsync("ru", Scripts.UpToStory(Scripts.RussianStory));
        }
        Assert.DoesNotMatch(Scripts.ReceiptCode(), firstRun);

        await using var restarted = await ChatHost.StartAsync(_data.Path, ShippedFlow.Now.AddHours(3));
        var secondRun = await restarted.TypeAsync("ru", Scripts.Rest);

        var texts = ShippedFlow.Load().Texts;
        var greeting = secondRun[..secondRun.IndexOf(texts.Get("ru", "consequences.prompt" + TerminalWording.Suffix), StringComparison.Ordinal)];
        Assert.Contains(texts.Get("ru", "draft.resumed"), greeting);
        var code = Scripts.ReceiptCode().Match(secondRun);
        Assert.True(code.Success, secondRun);
        var report = await restarted.Reports.FindByReceiptAsync(code.Value);
        Assert.Equal(new TextAnswer(Scripts.RussianStory), report?.Answers["narrative"]);
    }

    [Fact]
    public async Task AMemberWhoAnswersEachDayContinuesAcrossKeyChangesAndRestarts()
    {
        await using (var host = await ChatHost.StartAsync(_data.Path))
        {
            await host.TypeAsync("ru", Scripts.UpToStory(Scripts.RussianStory));
        }
        // The next day (a new draft key), after a restart: one more answer moves the draft to that key.
        await using (var nextDay = await ChatHost.StartAsync(_data.Path, ShippedFlow.Now.AddHours(20)))
        {
            await nextDay.TypeAsync("ru", Scripts.Rest[0]);
        }

        // The day after (23 hours on), the first day's key is destroyed; the draft lives on under the second day's.
        await using var third = await ChatHost.StartAsync(_data.Path, ShippedFlow.Now.AddHours(43));
        await third.Services.GetRequiredService<DraftStore>().DestroyOldKeysAsync(TimeSpan.FromHours(24));
        var keys = await third.Services.GetRequiredService<Database>().RunAsync(db =>
            db.GetCollection("period_keys").FindAll().Select(document => document["_id"].AsString).ToList());
        Assert.DoesNotContain("drafts/" + PeriodKeys.PeriodAt(PeriodPurpose.Drafts, ShippedFlow.Now).ToString(CultureInfo.InvariantCulture), keys);
        var output = await third.TypeAsync("ru", Scripts.Rest[1..]);

        var texts = ShippedFlow.Load().Texts;
        Assert.Contains(texts.Get("ru", "draft.resumed"), output);
        var code = Scripts.ReceiptCode().Match(output);
        Assert.True(code.Success, output);
        var report = await third.Reports.FindByReceiptAsync(code.Value);
        Assert.Equal(new TextAnswer(Scripts.RussianStory), report?.Answers["narrative"]);
        Assert.Equal(new ChoicesAnswer(["missed_doses", "health_worse"]), report?.Answers["consequences"]);
    }

    [Fact]
    public async Task ADraftWhoseTimeIsStoredToTheHourStillExpiresBetweenItsLifetimeAndAnHourMore()
    {
        var started = ShippedFlow.Now.AddMinutes(42);
        await using (var host = await ChatHost.StartAsync(_data.Path, started))
        {
            await host.TypeAsync("ru", Scripts.UpToStory(Scripts.RussianStory));
        }
        var texts = ShippedFlow.Load().Texts;

        // Stored as the next whole hour, so 24 h 10 min on it is 23 h 52 min old: still there.
        await using (var nextDay = await ChatHost.StartAsync(_data.Path, started.AddHours(24).AddMinutes(10)))
        {
            Assert.Contains(texts.Get("ru", "draft.resumed"), await nextDay.TypeAsync("ru", "/report"));
        }

        await using var later = await ChatHost.StartAsync(_data.Path, started.AddHours(25));
        Assert.Contains(texts.Get("ru", "draft.expired"), await later.TypeAsync("ru", "/report"));
    }

    [Fact]
    public async Task ADraftOlderThanItsLifetimeIsErasedWithAMessage()
    {
        await using (var host = await ChatHost.StartAsync(_data.Path))
        {
            await host.TypeAsync("ru", Scripts.UpToStory(Scripts.RussianStory));
        }

        await using var later = await ChatHost.StartAsync(_data.Path, ShippedFlow.Now.AddHours(25));
        var output = await later.TypeAsync("ru", "/report");

        var texts = ShippedFlow.Load().Texts;
        Assert.Contains(texts.Get("ru", "draft.expired"), output);
        Assert.Contains(texts.Get("ru", "consent.prompt_terminal"), output);
    }

    [Fact]
    public async Task ADraftFromAnOlderFlowVersionRestartsPolitely()
    {
        await using (var host = await ChatHost.StartAsync(_data.Path))
        {
            await host.TypeAsync("ru", Scripts.UpToStory(Scripts.RussianStory));
        }
        var flowFile = Path.Combine(_data.Path, "incident-v2.yaml");
        File.WriteAllText(flowFile, File.ReadAllText(Path.Combine(ShippedFlow.FlowsDirectory, "incident.yaml")).Replace("version: 2", "version: 3", StringComparison.Ordinal));

        await using var updated = await ChatHost.StartAsync(_data.Path, settings: new Dictionary<string, string?> { ["Intake:FlowFile"] = flowFile });
        var output = await updated.TypeAsync("ru", "/report");

        var texts = ShippedFlow.Load().Texts;
        Assert.Contains(texts.Get("ru", "draft.flow_changed"), output);
        Assert.Contains(texts.Get("ru", "consent.prompt_terminal"), output);
    }

    [Fact]
    public async Task EndOfInputLeavesTheDraftForNextTime()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        await host.TypeAsync("en", "/report", "1", "2");

        var output = await host.TypeAsync("en");

        var texts = ShippedFlow.Load().Texts;
        Assert.Contains(texts.Get("en", "draft.resumed"), output);
        Assert.Contains(texts.Get("en", "affected.prompt"), output);
    }

    /// <summary>A code nobody has and a malformed one get the same answer; a report number typed for a code is told by
    /// its form alone (with its prefix: four characters alone may be a code's first group), so neither answer says
    /// whether a report exists.</summary>
    [Theory]
    [InlineData("/status hello", "status.unknown", "status.label_not_code")]
    [InlineData("/status 2222-3333-4444-5555", "status.unknown", "status.label_not_code")]
    [InlineData("/status 7K3Q", "status.unknown", "status.label_not_code")]
    [InlineData("/status R-7K3Q", "status.label_not_code", "status.unknown")]
    [InlineData("/status р-7к3q", "status.label_not_code", "status.unknown")]
    [InlineData("/add R-7K3Q", "status.label_not_code", "status.unknown")]
    [InlineData("/delete r7k3q", "status.label_not_code", "status.unknown")]
    public async Task StatusWithAWrongCodeRevealsNothing(string typed, string answer, string notAnswer)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("en", typed);

        Assert.Contains(texts.Get("en", answer), output);
        Assert.DoesNotContain(texts.Get("en", notAnswer), output);
    }

    [Fact]
    public async Task CancelAfterAddSaysNothingWasAddedAndTheNextMessageIsNotAnAddition()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory))).Value;

        var output = await host.TypeAsync("ru", "/add " + code, "/cancel", "Это уже не дополнение.");

        Assert.Contains(texts.Get("ru", "add.cancelled"), output);
        Assert.DoesNotContain(texts.Get("ru", "cancelled"), output);
        Assert.DoesNotContain(texts.Get("ru", "add.done", ("label", Scripts.Label().Match(output).Value)), output);
    }

    [Fact]
    public async Task ForgetAfterAddDeletesTheDraftAndTheAwaitedAddition()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory))).Value;

        var output = await host.TypeAsync("ru", "/report", "1", "/add " + code, "/forget", "Это уже не дополнение.");

        Assert.Contains(texts.Get("ru", "forget.terminal"), output);
        Assert.DoesNotContain(texts.Get("ru", "add.done", ("label", Scripts.Label().Match(output).Value)), output);
        Assert.DoesNotContain(texts.Get("ru", "draft.resumed"), await host.TypeAsync("ru"));
    }

    [Theory]
    [InlineData("/report")]
    [InlineData("/status {code}")]
    [InlineData("/help")]
    [InlineData("/language ru")]
    public async Task AnyOtherCommandAfterAddEndsTheAwaitedAddition(string command)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory))).Value;

        var output = await host.TypeAsync("ru", "/add " + code, command.Replace("{code}", code, StringComparison.Ordinal),
            "Меня остановили у аптеки и забрали таблетки, это уже другой случай.");

        Assert.Empty((await host.Reports.FindByReceiptAsync(code))!.Additions);
        Assert.DoesNotContain(texts.Get("ru", "add.done", ("label", Scripts.Label().Match(output).Value)), output);
        Assert.DoesNotContain(texts.Get("ru", "add.cancelled"), output);
    }

    [Fact]
    public async Task WhileAnAdditionIsAwaitedOnlyItsRequestIsShownAndTheInterviewComesBackAfter()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var submitted = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));
        var code = Scripts.ReceiptCode().Match(submitted).Value;
        var prompt = texts.Get("ru", "add.prompt", ("label", Scripts.Label().Match(submitted).Value));

        var asked = await host.TypeAsync("ru", "/add " + code);
        var added = await host.TypeAsync("ru", "/add " + code, "Дозу так и не дали.");

        Assert.DoesNotContain(texts.Get("ru", "consent.prompt_terminal"), asked[asked.IndexOf(prompt, StringComparison.Ordinal)..]);
        Assert.Contains(texts.Get("ru", "consent.prompt_terminal"), added[added.IndexOf(texts.Get("ru", "add.done", ("label", Scripts.Label().Match(submitted).Value)), StringComparison.Ordinal)..]);
        Assert.Equal("Дозу так и не дали.", Assert.Single((await host.Reports.FindByReceiptAsync(code))!.Additions).Text);
    }

    [Fact]
    public async Task AnAdditionAfterTheWaitRanOutIsNotAddedAndTheMemberIsToldHowToAddIt()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory))).Value;
        await host.TypeAsync("ru", "/add " + code);
        host.Time.Advance(TimeSpan.FromMinutes(31));

        var output = await host.TypeAsync("ru", "Забыла сказать: это было ночью, в палате никого не было.");

        Assert.Contains(texts.Get("ru", "add.too_late"), output);
        Assert.Empty((await host.Reports.FindByReceiptAsync(code))!.Additions);
        Assert.DoesNotContain(texts.Get("ru", "error.choice.unknown"), output);
    }

    [Fact]
    public async Task AnAdditionSentAfterARestartIsNotTakenForAnAnswerAndTheMemberIsToldToSendItAgain()
    {
        var texts = ShippedFlow.Load().Texts;
        var code = await AdditionAwaitedWhenStoppedAsync(AddCommand);

        await using var restarted = await ChatHost.StartAsync(_data.Path);
        var output = await restarted.TypeAsync("ru", "Забыла сказать: это было ночью, в палате никого не было.");

        var told = output.IndexOf(texts.Get("ru", "add.restarted"), StringComparison.Ordinal);
        Assert.True(told >= 0, output);
        Assert.DoesNotContain(texts.Get("ru", "error.choice.unknown"), output);
        Assert.Contains(texts.Get("ru", "consent.prompt_terminal"), output[told..]);
        Assert.Empty((await restarted.Reports.FindByReceiptAsync(code))!.Additions);
        // Told once: the next message is an answer again.
        Assert.DoesNotContain(texts.Get("ru", "add.restarted"), await restarted.TypeAsync("ru", "Ещё одно сообщение."));
    }

    [Fact]
    public async Task ALongAdditionSentAfterARestartDoesNotBecomeTheStoryOfTheInterviewOpenBesideIt()
    {
        var texts = ShippedFlow.Load().Texts;
        const string addition = "Забыла сказать: это было ночью, в палате никого не было, медсестра ушла домой, а дежурный врач сказал, что лицензии у них нет и не будет.";
        var code = await AdditionAwaitedWhenStoppedAsync("1", AddCommand);

        await using var restarted = await ChatHost.StartAsync(_data.Path);
        var output = await restarted.TypeAsync("ru", addition);

        Assert.Contains(texts.Get("ru", "add.restarted"), output);
        Assert.DoesNotContain(texts.Get("ru", "text.kept_for_story"), output);
        var draft = await restarted.Services.GetRequiredService<DraftStore>().LoadAsync(
            await restarted.Services.GetRequiredService<DraftStore>().PseudonymAsync("terminal:local"));
        Assert.Equal("category", draft?.StepId);
        Assert.False(draft?.Answers.ContainsKey("narrative"));
    }

    [Fact]
    public async Task AnAdditionAwaitedWhenTheProgramStoppedIsForgottenWithCancel()
    {
        var texts = ShippedFlow.Load().Texts;
        await AdditionAwaitedWhenStoppedAsync(AddCommand, "/cancel");

        await using var restarted = await ChatHost.StartAsync(_data.Path);
        var output = await restarted.TypeAsync("ru", "Забыла сказать: это было ночью.");

        Assert.DoesNotContain(texts.Get("ru", "add.restarted"), output);
    }

    [Fact]
    public async Task ACommandAfterTheRestartEndsTheAdditionAwaitedBeforeIt()
    {
        var texts = ShippedFlow.Load().Texts;
        var code = await AdditionAwaitedWhenStoppedAsync(AddCommand);

        await using var restarted = await ChatHost.StartAsync(_data.Path);
        var output = await restarted.TypeAsync("ru", "/status " + code, "Забыла сказать: это было ночью.");

        Assert.DoesNotContain(texts.Get("ru", "add.restarted"), output);
    }

    [Fact]
    public async Task TheCodeAloneAfterAddShowsTheStatusAndTheAdditionStillWaits()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory))).Value;

        var output = await host.TypeAsync("ru", "/add " + code, code, "Дозу так и не дали.");

        Assert.Contains(texts.Get("ru", "status.new"), output);
        Assert.Equal("Дозу так и не дали.", Assert.Single((await host.Reports.FindByReceiptAsync(code))!.Additions).Text);
    }

    [Theory]
    [InlineData("/status {code}.")]
    [InlineData("/status «{code}»")]
    [InlineData("/status \"{code}\"")]
    [InlineData("/status: {code}")]
    [InlineData("/status {code} пожалуйста")]
    public async Task StatusFindsTheReportWhateverPunctuationOrWordsAreAroundTheCode(string typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory))).Value;

        var output = await host.TypeAsync("ru", typed.Replace("{code}", code, StringComparison.Ordinal));

        Assert.Contains(texts.Get("ru", "status.new"), output);
        Assert.DoesNotContain(texts.Get("ru", "status.unknown"), output);
        Assert.DoesNotContain(texts.Get("ru", "chat.command_unknown"), output);
    }

    [Fact]
    public async Task DeleteTakesTheCodeWithAPleaseAfterIt()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory))).Value;

        await host.TypeAsync("ru", "/delete " + code + " пожалуйста");

        Assert.Equal(CommunityBot.Reports.ReportStatus.Withdrawn, (await host.Reports.FindByReceiptAsync(code))?.Status);
    }

    [Fact]
    public async Task APlaceNameOfSixteenLettersOfTheCodesAlphabetIsAnAnswerNotACode()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("en", "Pharmacy at market");

        Assert.DoesNotContain(texts.Get("en", "status.unknown"), output);
    }

    [Fact]
    public async Task ACodeWrittenIntoAnAdditionIsHiddenBeforeModeratorsReadIt()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory))).Value;

        await host.TypeAsync("ru", "/add " + code, "Мой код " + code + ", на всякий случай. Дозу так и не дали.");

        var report = await host.Reports.FindByReceiptAsync(code);
        var addition = Assert.Single(report!.Additions);
        Assert.DoesNotContain(code, addition.Text);
        Assert.Contains("Дозу так и не дали", addition.Text);
    }

    [Fact]
    public async Task ACodeSentAloneShowsItsReportsStatusAndTheQuestionAgain()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;
        var submitted = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));
        var code = Scripts.ReceiptCode().Match(submitted).Value;
        var label = Scripts.Label().Match(submitted).Value;

        var output = await host.TypeAsync("ru", code.ToLowerInvariant());

        Assert.Contains(label, output);
        Assert.Contains(texts.Get("ru", "status.new"), output);
        Assert.DoesNotContain(texts.Get("ru", "error.choice.unknown"), output);
    }

    [Fact]
    public async Task StatusWithTheReceiptCodeShowsTheReport()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var submitted = await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory));
        var code = Scripts.ReceiptCode().Match(submitted).Value;

        var output = await host.TypeAsync("ru", "/status " + code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant());

        var texts = ShippedFlow.Load().Texts;
        Assert.Contains(Scripts.Label().Match(submitted).Value, output);
        Assert.Contains(texts.Get("ru", "status.new"), output);
    }

    [Fact]
    public async Task LanguageCanBeChangedMidConversation()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync("ru", "/report", "1", "/language en");

        var texts = ShippedFlow.Load().Texts;
        var afterChange = output[output.LastIndexOf(texts.Get("en", "language.changed"), StringComparison.Ordinal)..];
        Assert.Contains(texts.Get("en", "category.prompt"), afterChange);
        Assert.Contains(texts.Get("en", "category.hospital"), afterChange);
    }

    [Theory]
    [InlineData("English")]
    [InlineData("en")]
    [InlineData(" EN ")]
    public async Task AfterABareLanguageCommandTheLanguageTypedAloneChangesIt(string typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);

        var output = await host.TypeAsync("ru", "/report", "1", "/language", typed);

        var texts = ShippedFlow.Load().Texts;
        Assert.Contains(texts.Get("ru", "language.usage", ("languages", "")).Split(':')[0], output);
        var afterChange = output[output.LastIndexOf(texts.Get("en", "language.changed"), StringComparison.Ordinal)..];
        Assert.Contains(texts.Get("en", "category.prompt"), afterChange);
        Assert.DoesNotContain(texts.Get("ru", "error.choice.unknown"), output);
    }

    [Theory]
    [InlineData("/cancel", "cancelled")]
    [InlineData("/forget", "forget.terminal")]
    public async Task BackWorksAndCancelOrForgetEndsTheDraft(string ending, string notice)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("en", "/report", "1", "1", "/back", ending, "2");

        Assert.Contains(texts.Get("en", notice), output);
        Assert.DoesNotContain(texts.Get("en", "chat.command_unknown"), output);
        // Nothing open any more: a stray answer gets the welcome, not the question the draft was at.
        Assert.EndsWith(texts.Get("en", "chat.welcome") + "\n" + texts.Get("en", "chat.bye") + "\n",
            output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownCommandsGetAnAnswerAndTheQuestionAgain()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("ru", "/report", "/whatever");

        Assert.Contains(texts.Get("ru", "chat.command_unknown"), output);
        Assert.EndsWith("> ", output[..output.LastIndexOf(texts.Get("ru", "chat.bye"), StringComparison.Ordinal)].TrimEnd('\n') );
    }

    [Fact]
    public async Task HelpAtTheTerminalOffersOnlyWhatTheTerminalDoes()
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var texts = ShippedFlow.Load().Texts;

        var output = await host.TypeAsync("ru", "/help");

        var help = texts.Get("ru", "help.text_terminal");
        Assert.Contains(help, output);
        Assert.DoesNotContain("/answer", output);
        Assert.DoesNotContain("двое суток", help);
        Assert.Contains("/forget", help);
    }

    private const string AddCommand = "/add {code}";

    /// <summary>A report sent in a first run of the terminal, then <paramref name="typed"/> (with <see cref="AddCommand"/>
    /// for /add and its code) and the program stopped. The terminal opens a new interview at once, so /add is typed at
    /// its first question. Returns the report's code.</summary>
    private async Task<string> AdditionAwaitedWhenStoppedAsync(params string[] typed)
    {
        await using var host = await ChatHost.StartAsync(_data.Path);
        var code = Scripts.ReceiptCode().Match(await host.TypeAsync("ru", Scripts.WholeReport(Scripts.RussianStory))).Value;
        await host.TypeAsync("ru", [.. typed.Select(line => line.Replace("{code}", code, StringComparison.Ordinal))]);
        return code;
    }
}
