namespace CommunityBot.Privacy;

/// <summary>
/// The one name of each thing a key is for, as stored data spells it: in the derivation of each
/// <see cref="PseudonymPurpose"/>'s key and in the ids of each <see cref="PeriodPurpose"/>'s period keys. A purpose
/// that has both (drafts, update markers) has one name. Changing a name orphans the data hashed or keyed with it.
/// </summary>
internal static class PurposeNames
{
    private const string Drafts = "drafts";
    private const string UpdateMarkers = "update-markers";

    public static string Of(PseudonymPurpose purpose) => purpose switch
    {
        PseudonymPurpose.Drafts => Drafts,
        PseudonymPurpose.Receipts => "receipts",
        PseudonymPurpose.Counters => "counters",
        PseudonymPurpose.UpdateMarkers => UpdateMarkers,
        PseudonymPurpose.Moderators => "moderators",
        PseudonymPurpose.FollowUpQuestions => "followup-questions",
        PseudonymPurpose.SearchWords => "search-words",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    public static string Of(PeriodPurpose purpose) => purpose switch
    {
        PeriodPurpose.Drafts => Drafts,
        PeriodPurpose.UpdateMarkers => UpdateMarkers,
        PeriodPurpose.LetterDefaults => "letter-defaults",
        PeriodPurpose.Limits => "limits",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };
}
