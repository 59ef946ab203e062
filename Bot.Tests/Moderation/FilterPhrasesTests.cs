using System.Globalization;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Moderation;

/// <summary>Moderators type statuses and periods in their own words ("новые", "на рассмотрении", "за месяц", "30 дней"):
/// each reads as the filter word it stands for, from the language files.</summary>
public sealed class FilterPhrasesTests
{
    private static readonly DateOnly Today = new(2026, 11, 18);

    private static readonly FilterVocabulary Vocabulary = FilterVocabulary.Of(StatisticsStores.Flow, ["almaty", "shymkent"], ShippedFlow.Load().Texts);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ReportFilter Filter(string words) =>
        Assert.IsType<FilterWords.Parsed>(ReportFilterWords.ParseFilter(words, Today, Vocabulary)).Filter;

    [Theory]
    [InlineData("новые", "new")]
    [InlineData("Новое", "new")]
    [InlineData("на рассмотрении", "in_review")]
    [InlineData("На рассмотрении.", "in_review")]
    [InlineData("в работе", "in_review")]
    [InlineData("подтверждённые", "verified")]
    [InlineData("приняты меры", "action_taken")]
    [InlineData("решённые", "resolved")]
    [InlineData("отклонённые", "rejected")]
    [InlineData("дубликаты", "duplicate")]
    [InlineData("со статусом отклонено", "rejected")]
    [InlineData("under review", "in_review")]
    [InlineData("Action taken", "action_taken")]
    [InlineData("қаралуда", "in_review")]
    [InlineData("жаңа", "new")]
    public void AStatusInTheModeratorsWordsIsThatStatus(string typed, string status)
    {
        Assert.Equal(ReportFilterWords.Status(status), Filter(typed).Status);
        // /queue reads the whole rest of its line as one status.
        Assert.Equal(ReportFilterWords.Status(status), ReportFilterWords.Status(typed.Replace("со статусом ", "", StringComparison.Ordinal), Vocabulary.Words));
    }

    [Theory]
    [InlineData("за неделю", "2026-11-16", "2026-11-22")]
    [InlineData("за месяц", "2026-11-01", "2026-11-30")]
    [InlineData("в этом месяце", "2026-11-01", "2026-11-30")]
    [InlineData("за квартал", "2026-10-01", "2026-12-31")]
    [InlineData("за год", "2026-01-01", "2026-12-31")]
    [InlineData("30 дней", "2026-10-20", "2026-11-18")]
    [InlineData("за последние 7 дней", "2026-11-12", "2026-11-18")]
    [InlineData("last 30 days", "2026-10-20", "2026-11-18")]
    [InlineData("this month", "2026-11-01", "2026-11-30")]
    [InlineData("соңғы 7 күн", "2026-11-12", "2026-11-18")]
    [InlineData("осы айда", "2026-11-01", "2026-11-30")]
    public void APeriodInTheModeratorsWordsCoversItsDays(string typed, string from, string to)
    {
        var filter = Filter(typed);

        Assert.Equal((Day(from), Day(to)), (filter.From, filter.To));
        Assert.Null(filter.Status);
    }

    [Fact]
    public void WordsOfSeveralKindsTogetherAreEachRead()
    {
        var filter = Filter("отклонённые за месяц hospital almaty");

        Assert.Equal(new ReportFilter(Day("2026-11-01"), Day("2026-11-30"), ReportStatus.Rejected, "hospital", "almaty"), filter);
    }

    [Fact]
    public void AnExportTakesTheWordsToo()
    {
        var parsed = Assert.IsType<FilterWords.Parsed>(ReportFilterWords.ParseExport("csv за неделю новые", Today, Vocabulary));

        Assert.Equal((ExportFormat.Csv, ReportStatus.New, Day("2026-11-16")), (parsed.Format, parsed.Filter.Status, parsed.Filter.From));
    }

    [Theory]
    [InlineData("за прошлый месяц", 2)]
    [InlineData("новые непонятно", 2)]
    [InlineData("последний месяц", 1)]
    public void AWordThatIsNoneOfThemIsStillRefusedByItsPlaceAmongThoseTyped(string typed, int position)
    {
        var refused = Assert.IsType<FilterWords.Refused>(ReportFilterWords.ParseFilter(typed, Today, Vocabulary));

        Assert.Equal((FilterWordProblem.Unknown, position), (refused.Problem, refused.Position));
    }

    [Fact]
    public void TheCommandLineReadsOnlyTheFiltersOwnWords()
    {
        var bare = FilterVocabulary.Of(StatisticsStores.Flow, ["almaty"]);

        Assert.IsType<FilterWords.Refused>(ReportFilterWords.ParseFilter("новые", Today, bare));
        Assert.Equal(ReportStatus.New, Assert.IsType<FilterWords.Parsed>(ReportFilterWords.ParseFilter("new", Today, bare)).Filter.Status);
    }

    [Fact]
    public void EveryStatusIsListedWithItsLabelAndItsWord()
    {
        var texts = ShippedFlow.Load().Texts;

        var listed = FilterPhrases.Listed(texts, "ru");

        Assert.All(Enum.GetValues<ReportStatus>(), status =>
            Assert.Contains($"{texts.Get("ru", "mod." + ReportStatusIds.TextKey(status))} ({ReportStatusIds.Id(status)})", listed, StringComparison.Ordinal));
    }
}
