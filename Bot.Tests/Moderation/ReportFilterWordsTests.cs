using System.Globalization;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CsCheck;

namespace CommunityBot.Tests.Moderation;

public sealed class ReportFilterWordsTests
{
    private static readonly DateOnly Today = new(2026, 11, 18);

    private static readonly FilterVocabulary Vocabulary = FilterVocabulary.Of(StatisticsStores.Flow, ["almaty", "shymkent"]);

    // "police" is a category and, here, also a community: only a prefix says which.
    private static readonly FilterVocabulary Clashing = Vocabulary with { Communities = ["almaty", "police", "2026", "csv"] };

    private static ReportFilter Filter(string words, FilterVocabulary? vocabulary = null) =>
        Assert.IsType<FilterWords.Parsed>(ReportFilterWords.ParseFilter(words, Today, vocabulary ?? Vocabulary)).Filter;

    private static FilterWords.Refused Refused(string words, bool export = false) =>
        Assert.IsType<FilterWords.Refused>(export
            ? ReportFilterWords.ParseExport(words, Today, Vocabulary)
            : ReportFilterWords.ParseFilter(words, Today, Vocabulary));

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void TheCategoriesAreThoseOfTheShippedFlow()
    {
        Assert.Contains("hospital", Vocabulary.Categories);
        Assert.Contains("police", Vocabulary.Categories);
        Assert.Equal(["almaty", "shymkent"], Vocabulary.Communities.AsEnumerable());
    }

    [Fact]
    public void NoWordsMeanEverything() => Assert.Equal(ReportFilter.All, Filter("   "));

    [Theory]
    [InlineData("7", "2026-11-12", "2026-11-18")]
    [InlineData("1", "2026-11-18", "2026-11-18")]
    [InlineData("30d", "2026-10-20", "2026-11-18")]
    [InlineData("999", "2024-02-24", "2026-11-18")]
    [InlineData("1000", "1000-01-01", "1000-12-31")]
    [InlineData("2026-11", "2026-11-01", "2026-11-30")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2026-Q3", "2026-07-01", "2026-09-30")]
    [InlineData("2026-q1", "2026-01-01", "2026-03-31")]
    [InlineData("2026", "2026-01-01", "2026-12-31")]
    [InlineData("2026-03-12", "2026-03-12", "2026-03-12")]
    [InlineData("2026-01-01..2026-03-31", "2026-01-01", "2026-03-31")]
    [InlineData("2026-01..2026-Q2", "2026-01-01", "2026-06-30")]
    [InlineData("week", "2026-11-16", "2026-11-22")]
    [InlineData("month", "2026-11-01", "2026-11-30")]
    [InlineData("quarter", "2026-10-01", "2026-12-31")]
    [InlineData("YEAR", "2026-01-01", "2026-12-31")]
    public void APeriodWordCoversItsDays(string word, string from, string to)
    {
        var filter = Filter(word);

        Assert.Equal((Day(from), Day(to)), (filter.From, filter.To));
    }

    [Theory]
    [InlineData("12.03.2026", "2026-03-12", "2026-03-12")]
    [InlineData("1.3.2026", "2026-03-01", "2026-03-01")]
    [InlineData("03.2026", "2026-03-01", "2026-03-31")]
    [InlineData("2.2024", "2024-02-01", "2024-02-29")]
    [InlineData("01.01.2026..31.03.2026", "2026-01-01", "2026-03-31")]
    [InlineData("15.11.2026..2026-12", "2026-11-15", "2026-12-31")]
    public void ADayOrMonthWrittenTheRussianWayWithDotsCoversItsDays(string word, string from, string to)
    {
        var filter = Filter(word);

        Assert.Equal((Day(from), Day(to)), (filter.From, filter.To));
    }

    [Theory]
    [InlineData("31.02.2026")]
    [InlineData("12.03")]
    [InlineData("12.03.26")]
    [InlineData("13.2026")]
    public void ADottedDateThatIsNoDayIsRefused(string word) =>
        Assert.Equal(new FilterWords.Refused(word, FilterWordProblem.Unknown, 1), Refused(word));

    [Fact]
    public void WordsTypedWithCyrillicLettersThatLookLatinAreReadAsTheLatinWords()
    {
        // с, е, о, р, у below are Cyrillic, as a Russian keyboard types them.
        var parsed = Assert.IsType<FilterWords.Parsed>(ReportFilterWords.ParseExport("сsv nеw hоsрital аlmaty уear", Today, Vocabulary));

        Assert.Equal(ExportFormat.Csv, parsed.Format);
        Assert.Equal(new ReportFilter(Day("2026-01-01"), Day("2026-12-31"), ReportStatus.New, "hospital", "almaty"), parsed.Filter);
        Assert.Equal(ReportStatus.InReview, ReportFilterWords.Status("in_rеviеw"));
        Assert.Equal("police", ReportFilterWords.Category("роliсе", Vocabulary));
        // A word that only looks like another is still refused when it is nothing known.
        Assert.Equal(new FilterWords.Refused("nеws", FilterWordProblem.Unknown, 1), Refused("nеws"));
    }

    [Fact]
    public void ARangeMayBeOpenAtEitherEnd()
    {
        Assert.Equal((Day("2026-03-01"), (DateOnly?)null), (Filter("2026-03..").From, Filter("2026-03..").To));
        Assert.Equal(((DateOnly?)null, Day("2026-12-31")), (Filter("..2026").From, Filter("..2026").To));
    }

    [Fact]
    public void WordsComeInAnyOrderAndAnyCase()
    {
        var expected = new ReportFilter(Day("2026-11-01"), Day("2026-11-30"), ReportStatus.InReview, "hospital", "almaty");

        Assert.Equal(expected, Filter("2026-11 in_review hospital almaty"));
        Assert.Equal(expected, Filter("Almaty  HOSPITAL\tIN_REVIEW 2026-11"));
    }

    [Fact]
    public void AnExportNeedsCsvOrJsonOnce()
    {
        var parsed = Assert.IsType<FilterWords.Parsed>(ReportFilterWords.ParseExport("new json 2026", Today, Vocabulary));

        Assert.Equal(ExportFormat.Json, parsed.Format);
        Assert.Equal(ReportStatus.New, parsed.Filter.Status);
        Assert.Equal(new FilterWords.Refused("", FilterWordProblem.NoFormat, 0), Refused("", export: true));
        Assert.Equal(new FilterWords.Refused("", FilterWordProblem.NoFormat, 0), Refused("2026 new", export: true));
        Assert.Equal(new FilterWords.Refused("xml", FilterWordProblem.Unknown, 1), Refused("xml", export: true));
        Assert.Equal(new FilterWords.Refused("json", FilterWordProblem.Repeated, 2), Refused("csv json", export: true));
    }

    [Fact]
    public void StatisticsDoNotTakeAFormat() =>
        Assert.Equal(new FilterWords.Refused("csv", FilterWordProblem.Unknown, 2), Refused("2026 csv"));

    [Theory]
    [InlineData("foo", "foo", "Unknown", 1)]
    [InlineData("2026-11 almaty bishkek", "bishkek", "Unknown", 3)]
    [InlineData("2026-13", "2026-13", "Unknown", 1)]
    [InlineData("2026-02-30", "2026-02-30", "Unknown", 1)]
    [InlineData("2026-Q5", "2026-Q5", "Unknown", 1)]
    [InlineData("0", "0", "Unknown", 1)]
    [InlineData("12345", "12345", "Unknown", 1)]
    [InlineData("99999999d", "99999999d", "Unknown", 1)]
    [InlineData("..", "..", "Unknown", 1)]
    [InlineData("2026-01..foo", "2026-01..foo", "Unknown", 1)]
    [InlineData("status:hospital", "status:hospital", "Unknown", 1)]
    [InlineData("new  +7 701 234 56 78", "+7", "Unknown", 2)]
    [InlineData("2026-03..2026-01", "2026-03..2026-01", "Reversed", 1)]
    [InlineData("2026 7", "7", "Repeated", 2)]
    [InlineData("701 234 56 78", "234", "Repeated", 2)]
    [InlineData("new resolved", "resolved", "Repeated", 2)]
    [InlineData("hospital police", "police", "Repeated", 2)]
    [InlineData("almaty shymkent", "shymkent", "Repeated", 2)]
    public void AWordThatIsNotUnderstoodIsRefusedWithItsPlace(string words, string word, string problem, int position) =>
        Assert.Equal(new FilterWords.Refused(word, Enum.Parse<FilterWordProblem>(problem), position), Refused(words));

    [Fact]
    public void AWordWithTwoMeaningsNeedsItsPrefix()
    {
        Assert.Equal(new FilterWords.Refused("police", FilterWordProblem.Ambiguous, 1),
            ReportFilterWords.ParseFilter("police", Today, Clashing));
        Assert.Equal("police", Filter("category:police", Clashing).Category);
        Assert.Equal("police", Filter("community:police", Clashing).Community);
        Assert.Equal(ReportStatus.New, Filter("status:new", Clashing).Status);
        Assert.Equal("2026", Filter("community:2026", Clashing).Community);
    }

    [Fact]
    public void TheDescriptionUsesTheShortestPeriod()
    {
        Assert.Equal("2026-11 in_review hospital almaty",
            ReportFilterWords.Describe(new ReportFilter(Day("2026-11-01"), Day("2026-11-30"), ReportStatus.InReview, "hospital", "almaty"), Vocabulary));
        Assert.Equal("2026-Q4", ReportFilterWords.DescribePeriod(Day("2026-10-01"), Day("2026-12-31")));
        Assert.Equal("2026", ReportFilterWords.DescribePeriod(Day("2026-01-01"), Day("2026-12-31")));
        Assert.Equal("2026-11-12..2026-11-18", ReportFilterWords.DescribePeriod(Day("2026-11-12"), Day("2026-11-18")));
        Assert.Equal("..2026-11-18", ReportFilterWords.DescribePeriod(null, Day("2026-11-18")));
        Assert.Equal("", ReportFilterWords.Describe(ReportFilter.All, Vocabulary));
        Assert.Equal("community:police", ReportFilterWords.Describe(ReportFilter.All with { Community = "police" }, Clashing));
        Assert.Equal("community:csv", ReportFilterWords.Describe(ReportFilter.All with { Community = "csv" }, Clashing));
    }

    [Fact]
    public void StatusesAreTheExportIds()
    {
        Assert.Equal(["new", "in_review", "verified", "action_taken", "resolved", "rejected", "duplicate", "withdrawn"], ReportFilterWords.StatusIds.AsEnumerable());
        Assert.All(Enum.GetValues<ReportStatus>(), status => Assert.Equal(status, ReportFilterWords.Status(ReportStatusIds.Id(status))));
        Assert.Null(ReportFilterWords.Status("1"));
        Assert.Null(ReportFilterWords.Status("inreview"));
    }

    // ---- Properties ------------------------------------------------------------------------------------------------

    private static readonly Gen<DateOnly> AnyDay =
        Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Select(DateOnly.FromDayNumber);

    // Years a moderator writes with four digits.
    private static readonly Gen<int> Year = Gen.Int[1, 9999];

    // Pieces of the grammar, glued at random: most of what comes out is nearly a filter.
    private static readonly Gen<string> NearlyWords = Gen.OneOf(
            Gen.Const("2026"), Gen.Const("-"), Gen.Const(".."), Gen.Const("Q"), Gen.Const("q5"), Gen.Const("d"), Gen.Const(":"),
            Gen.Const("status:"), Gen.Const("community:"), Gen.Const("category:"), Gen.Const(" "), Gen.Const("week"), Gen.Const("csv"),
            Gen.Const("new"), Gen.Const("hospital"), Gen.Const("almaty"), Gen.Int[0, 99999].Select(n => n.ToString(CultureInfo.InvariantCulture)),
            Gen.Char.Select(c => c.ToString()))
        .Array[0, 12].Select(string.Concat);

    private static readonly Gen<string> AnyUnicode = Gen.Char[char.MinValue, char.MaxValue].Array[0, 40].Select(chars => new string(chars));

    [Fact]
    public void NoTextMakesTheParserThrow()
    {
        Gen.Select(Gen.OneOf(Gen.String, AnyUnicode, NearlyWords), AnyDay, Gen.Bool).Sample((words, today, export) =>
        {
            var result = export
                ? ReportFilterWords.ParseExport(words, today, Clashing)
                : ReportFilterWords.ParseFilter(words, today, Clashing);
            if (result is FilterWords.Refused { Problem: not FilterWordProblem.NoFormat } refused)
            {
                // The word named is one the moderator typed.
                Assert.Contains(refused.Word, words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
        }, iter: 5000);
    }

    /// <summary>A period as a moderator writes it, with the days it must cover.</summary>
    private static readonly Gen<(string Word, DateOnly From, DateOnly To)> CalendarPeriod = Gen.OneOf(
        Year.Select(y => (y.ToString("D4", CultureInfo.InvariantCulture), new DateOnly(y, 1, 1), new DateOnly(y, 12, 31))),
        Gen.Select(Year, Gen.Int[1, 4]).Select((y, q) => (
            string.Create(CultureInfo.InvariantCulture, $"{y:D4}-Q{q}"),
            new DateOnly(y, (q * 3) - 2, 1),
            new DateOnly(y, q * 3, DateTime.DaysInMonth(y, q * 3)))),
        Gen.Select(Year, Gen.Int[1, 12]).Select((y, m) => (
            string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}"),
            new DateOnly(y, m, 1),
            new DateOnly(y, m, DateTime.DaysInMonth(y, m)))),
        AnyDay.Select(d => (d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d, d)));

    private static readonly Gen<(string Word, DateOnly? From, DateOnly? To)> RangePeriod =
        Gen.Select(CalendarPeriod, CalendarPeriod, Gen.Int[0, 2])
            .Where((a, b, _) => a.From <= b.To)
            .Select((a, b, open) => open switch
            {
                0 => (a.Word + ".." + b.Word, (DateOnly?)a.From, (DateOnly?)b.To),
                1 => (a.Word + "..", a.From, null),
                _ => (".." + b.Word, null, b.To),
            });

    [Fact]
    public void AnyWellFormedPeriodCoversExactlyItsDays()
    {
        Gen.OneOf(CalendarPeriod.Select(p => (Word: p.Word, From: (DateOnly?)p.From, To: (DateOnly?)p.To)), RangePeriod).Sample(period =>
        {
            var filter = Filter(period.Word);
            Assert.Equal((period.From, period.To), (filter.From, filter.To));
        }, iter: 3000);
    }

    [Fact]
    public void TheLastNDaysEndTodayAndHoldNDays()
    {
        Gen.Select(Gen.Int[1, 36_600], Gen.Int[new DateOnly(1900, 1, 1).DayNumber, DateOnly.MaxValue.DayNumber].Select(DateOnly.FromDayNumber))
            .Sample((days, today) =>
            {
                var filter = Assert.IsType<FilterWords.Parsed>(ReportFilterWords.ParseFilter(
                    days.ToString(CultureInfo.InvariantCulture) + "d", today, Vocabulary)).Filter;
                Assert.Equal(today, filter.To);
                Assert.Equal(Math.Min(days, today.DayNumber + 1), filter.To?.DayNumber - filter.From?.DayNumber + 1);
            }, iter: 2000);
    }

    [Fact]
    public void AnyFilterReadsBackFromItsDescription()
    {
        var bound = Gen.OneOf(Gen.Const((DateOnly?)null), AnyDay.Select(d => (DateOnly?)d));
        var status = Gen.OneOf(Gen.Const((ReportStatus?)null), Gen.Enum<ReportStatus>().Select(s => (ReportStatus?)s));
        var category = Gen.OneOf(Gen.Const((string?)null), Gen.OneOf(Clashing.Categories.ToArray()).Select(c => (string?)c));
        var community = Gen.OneOf(Gen.Const((string?)null), Gen.OneOf(Clashing.Communities.ToArray()).Select(c => (string?)c));
        Gen.Select(bound, bound, status, category, community)
            .Where((from, to, _, _, _) => from is null || to is null || from <= to)
            .Sample((from, to, s, c, k) =>
            {
                var filter = new ReportFilter(from, to, s, c, k);
                var words = ReportFilterWords.Describe(filter, Clashing);
                Assert.Equal(filter, Assert.IsType<FilterWords.Parsed>(ReportFilterWords.ParseFilter(words, Today, Clashing)).Filter);
            }, iter: 3000);
    }
}
