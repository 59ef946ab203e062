namespace CommunityBot.Privacy;

/// <summary>What a keyed hash is for. Each purpose has its own key, so a value hashed for one
/// purpose cannot be matched against the hashes of another.</summary>
internal enum PseudonymPurpose
{
    Drafts,
    Receipts,
    Counters,
    UpdateMarkers,

    /// <summary>Moderators in the audit log: who acted, never their Telegram id.</summary>
    Moderators,

    /// <summary>A question relayed to a member, by their chat and the question's message id, while it may be answered.</summary>
    FollowUpQuestions,

    /// <summary>The blind index of the words in reports' free texts (<see cref="Reports.SearchIndex"/>).</summary>
    SearchWords,
}
