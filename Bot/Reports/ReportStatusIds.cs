namespace CommunityBot.Reports;

/// <summary>The one name of each status, as filters, exports and button data spell it and as the language files key
/// its wording (<c>status.{id}</c>).</summary>
internal static class ReportStatusIds
{
    public static string Id(ReportStatus status) => status switch
    {
        ReportStatus.New => "new",
        ReportStatus.InReview => "in_review",
        ReportStatus.Verified => "verified",
        ReportStatus.ActionTaken => "action_taken",
        ReportStatus.Resolved => "resolved",
        ReportStatus.Rejected => "rejected",
        ReportStatus.Duplicate => "duplicate",
        _ => "withdrawn",
    };

    /// <summary>The key of the status's wording for members (moderators' cards add <c>mod.</c>).</summary>
    public static string TextKey(ReportStatus status) => "status." + Id(status);
}
