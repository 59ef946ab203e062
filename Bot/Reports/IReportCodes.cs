namespace CommunityBot.Reports;

/// <summary>Where labels and receipt codes come from. Random in production; a test pins them to
/// force collisions.</summary>
internal interface IReportCodes
{
    string NewLabel();

    /// <summary>Normalized form (16 characters, no dashes).</summary>
    string NewReceiptCode();
}

internal sealed class RandomReportCodes : IReportCodes
{
    public string NewLabel() => ReportLabel.Generate();

    public string NewReceiptCode() => Privacy.ReceiptCode.Generate();
}
