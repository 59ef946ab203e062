namespace CommunityBot.Reports;

/// <summary>Step ids of the shipped incident flow that statistics and exports read.</summary>
internal static class ReportSteps
{
    public const string Category = "category";
    public const string Affected = "affected";
    public const string When = "when";
    public const string Region = "region";
    public const string City = "city";
    public const string FacilityKind = "facility_kind";
    public const string Facility = "facility";
    public const string Narrative = "narrative";
    public const string Consequences = "consequences";
    public const string Reported = "reported";
    public const string AppealsConsent = "appeals_consent";
    public const string FollowupConsent = "followup_consent";
}
