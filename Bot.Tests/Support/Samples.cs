using System.Collections.Immutable;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;

namespace CommunityBot.Tests.Support;

/// <summary>Answers and states shaped like the incident flow's.</summary>
internal static class Samples
{
    public const string Narrative = "Zarina was refused methadone in ward 7 of the city hospital; медсестра Гульнара сказала уходить";
    public const string OtherPlace = "Canary clinic on Abay street 5 behind the bazaar";

    public static ImmutableDictionary<string, Answer> Answers(string narrative = Narrative, string otherPlace = OtherPlace) =>
        new Dictionary<string, Answer>
        {
            ["category"] = new ChoiceAnswer("hospital-refusal"),
            ["affected"] = new ChoiceAnswer("me"),
            ["consequences"] = new ChoicesAnswer(["withdrawal", "lost-job"]),
            ["reported"] = new YesNoAnswer(false),
            ["when"] = new DateAnswer(new DateOnly(2026, 3, 10)),
            ["region"] = new PlaceAnswer("kz-almaty", null),
            ["facility"] = new PlaceAnswer(null, otherPlace),
            ["story"] = new TextAnswer(narrative),
        }.ToImmutableDictionary();

    public static NewReport Report(string narrative = Narrative, string otherPlace = OtherPlace) =>
        new("incident", 3, "ru", "almaty-ost", Answers(narrative, otherPlace));

    public static ConversationState State(DateTimeOffset updatedOn, string narrative = Narrative) => new(
        "incident",
        3,
        "ru",
        "story",
        Answers(narrative).Remove("story"),
        ["consent", "category", "affected", "when", "region", "facility"],
        ReturnToReview: false,
        new PendingMask(narrative, [new SensitiveFinding(SensitiveKind.Phone, 3, 12, "+7 701 123 45 67")]),
        updatedOn.AddMinutes(-20),
        updatedOn);
}

/// <summary>Answers as comparable text: the records hold immutable arrays, which compare by reference.</summary>
internal static class AnswerText
{
    public static string Of(Answer answer) => answer switch
    {
        ChoiceAnswer a => $"choice:{a.Choice}",
        ChoicesAnswer a => $"choices:{string.Join(',', a.Choices)}",
        YesNoAnswer a => $"yesno:{a.Yes}",
        DateAnswer a => $"date:{a.Date:yyyy-MM-dd}",
        TextAnswer a => $"text:{a.Text}",
        PlaceAnswer a => $"place:{a.PlaceId}|{a.OtherText}",
        _ => answer.GetType().Name,
    };

    public static string[] Of(IReadOnlyDictionary<string, Answer> answers) =>
        [.. answers.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={Of(pair.Value)}")];
}
