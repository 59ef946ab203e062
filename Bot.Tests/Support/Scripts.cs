using System.Text.RegularExpressions;

namespace CommunityBot.Tests.Support;

/// <summary>What a member types into the terminal to complete the shipped flow, one answer per line.</summary>
internal static partial class Scripts
{
    public const string RussianStory = "Меня положили в городскую больницу с пневмонией, и три дня не давали метадон. Врач сказал, что у них нет лицензии.";
    public const string EnglishStory = "I was admitted to the city hospital with pneumonia and for three days they did not give me methadone.";

    /// <summary>Up to and including the story; <see cref="Rest"/> finishes the report.</summary>
    public static string[] UpToStory(string story, string date = "12.03.2026") =>
    [
        "/report",
        "1",            // consent: yes
        "1",            // category: hospital
        "1",            // affected: me
        date,
        "1",            // region: the first listed (Almaty)
        "1",            // city: the first listed
        "1",            // facility kind: the first offered (narcology)
        "1",            // facility: the first listed
        story,
    ];

    public static readonly string[] Rest =
    [
        "1, 4",         // consequences: missed doses, health worse
        "2",            // reported elsewhere: no
        "1",            // use in appeals: yes
        "2",            // follow-up: no
        "1",            // review: submit
    ];

    public static string[] WholeReport(string story, string date = "12.03.2026") => [.. UpToStory(story, date), .. Rest];

    [GeneratedRegex("[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{4}")]
    public static partial Regex ReceiptCode();

    [GeneratedRegex(@"R-[23456789A-HJ-NP-Z]{4}")]
    public static partial Regex Label();
}
