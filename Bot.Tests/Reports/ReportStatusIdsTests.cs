using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Reports;

public sealed class ReportStatusIdsTests
{
    [Fact]
    public void EveryStatusHasItsOwnIdAndItsWordingForMembersAndModeratorsInEveryLanguage()
    {
        var texts = ShippedFlow.Load().Texts;
        var statuses = Enum.GetValues<ReportStatus>();

        Assert.Equal(statuses.Length, statuses.Select(ReportStatusIds.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(texts.Languages, language => Assert.All(statuses, status =>
        {
            Assert.True(texts.Has(language, ReportStatusIds.TextKey(status)), $"{language}: {ReportStatusIds.TextKey(status)}");
            Assert.True(texts.Has(language, "mod." + ReportStatusIds.TextKey(status)), $"{language}: mod.{ReportStatusIds.TextKey(status)}");
        }));
    }
}
