using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Reports;

public sealed class ReportStepsTests
{
    [Fact]
    public void EveryStepTheCodeReadsByNameIsAStepOfTheShippedFlow()
    {
        var steps = ShippedFlow.Load().Flow.Steps.Select(step => step.Id).ToHashSet(StringComparer.Ordinal);
        var named = typeof(ReportSteps).GetFields().Select(field => (string?)field.GetValue(null)).ToList();

        Assert.Equal(12, named.Count);
        Assert.All(named, id => Assert.Contains(id ?? "", steps));
    }
}
