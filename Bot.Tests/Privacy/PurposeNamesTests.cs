using CommunityBot.Privacy;

namespace CommunityBot.Tests.Privacy;

public sealed class PurposeNamesTests
{
    [Fact]
    public void EveryPurposeKeepsTheNameItsStoredDataWasKeyedWithAndAPurposeOfBothKindsHasOne()
    {
        Assert.Equal(["drafts", "receipts", "counters", "update-markers", "moderators", "followup-questions", "search-words"],
            Enum.GetValues<PseudonymPurpose>().Select(PurposeNames.Of));
        Assert.Equal(["drafts", "update-markers", "letter-defaults", "limits"], Enum.GetValues<PeriodPurpose>().Select(PurposeNames.Of));
        Assert.Equal(PurposeNames.Of(PseudonymPurpose.Drafts), PurposeNames.Of(PeriodPurpose.Drafts));
        Assert.Equal(PurposeNames.Of(PseudonymPurpose.UpdateMarkers), PurposeNames.Of(PeriodPurpose.UpdateMarkers));
    }
}
