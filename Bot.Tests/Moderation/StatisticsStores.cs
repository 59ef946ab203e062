using System.Collections.Immutable;
using CommunityBot.Conversations;
using CommunityBot.Moderation;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Moderation;

/// <summary>Real stores on a temp directory with the shipped flow, and the statistics and export on top of them.
/// Reports are submitted through <see cref="ReportStore.SubmitAsync"/>, as a member would submit them.</summary>
internal sealed class StatisticsStores : IDisposable
{
    private readonly TempDirectory _directory = new();
    private int _members;

    public StatisticsStores(int pageSize = ReportReader.PageSize)
    {
        Stores = new TestStores(_directory);
        Reader = new ReportReader(Stores.Database, Stores.Cipher, pageSize, factsPageSize: pageSize);
        Statistics = new ReportStatistics(Reader, Flow);
        Export = new ReportExport(Reader, Flow);
        Chart = new StatsChart(Flow);
    }

    public static FlowBundle Flow { get; } = ShippedFlow.Load();

    public TestStores Stores { get; }

    public ReportReader Reader { get; }

    public ReportStatistics Statistics { get; }

    public ReportExport Export { get; }

    public StatsChart Chart { get; }

    public async Task<SubmittedReport> SubmitAsync(StatisticsReport report, DateOnly? submittedOn = null)
    {
        // The fake clock only moves forward: submit in order of day.
        if (submittedOn is { } day && day > DateOnly.FromDateTime(Stores.Time.GetUtcNow().UtcDateTime))
        {
            Stores.Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        }
        _members++;
        return await Stores.Reports.SubmitAsync(await Stores.DraftKeyAsync("member-" + _members), report.ToNewReport());
    }

    public void Dispose()
    {
        Stores.Dispose();
        _directory.Dispose();
    }
}

/// <summary>A report shaped like the shipped incident flow's, with what the tests vary as parameters.</summary>
internal sealed record StatisticsReport(
    string Category = "hospital",
    DateOnly? When = null,
    string? Community = "almaty",
    string? Region = "almaty",
    string? City = "almaty",
    string? FacilityId = "almaty_narcology",
    string? FacilityTyped = null,
    bool AppealsConsent = true,
    bool FollowupConsent = false,
    string Narrative = "The nurse at the ward said there is no methadone for in-patients and sent him away.",
    ReportChannel Channel = ReportChannel.Telegram)
{
    public NewReport ToNewReport()
    {
        var answers = new Dictionary<string, Answer>
        {
            ["consent"] = new ChoiceAnswer(ChoiceIds.Accept),
            ["category"] = new ChoiceAnswer(Category),
            ["affected"] = new ChoiceAnswer("me"),
            ["facility_kind"] = new ChoiceAnswer("narcology"),
            ["facility"] = new PlaceAnswer(FacilityTyped is null ? FacilityId : null, FacilityTyped),
            ["narrative"] = new TextAnswer(Narrative),
            ["consequences"] = new ChoicesAnswer(["missed_doses", "health_worse"]),
            ["reported"] = new YesNoAnswer(true),
            ["reported_where"] = new ChoicesAnswer(["head_doctor"]),
            ["appeals_consent"] = new YesNoAnswer(AppealsConsent),
            ["followup_consent"] = new YesNoAnswer(FollowupConsent),
        };
        if (When is { } when)
        {
            answers["when"] = new DateAnswer(when);
        }
        if (Region is not null)
        {
            answers["region"] = new PlaceAnswer(Region, null);
        }
        if (City is not null)
        {
            answers["city"] = new PlaceAnswer(City, null);
        }
        return new NewReport("incident", 1, "ru", Community, answers.ToImmutableDictionary(), Channel);
    }
}
