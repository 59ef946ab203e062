using System.Globalization;
using CommunityBot.Letters;
using CsCheck;

namespace CommunityBot.Tests.Letters;

public sealed class BreakdownTests
{
    private const int Floor = 3;

    [Fact]
    public void ALoneSmallRowIsProtectedByHidingTheSmallestShownRowAsWell()
    {
        // Total 4: "Almaty 3, Astana fewer than 3" would make Astana exactly 1.
        Assert.Equal("not shown, not shown", Shown(("Almaty", 3), ("Astana", 1)));
        Assert.Equal("9, not shown, not shown", Shown(("Almaty", 9), ("Astana", 4), ("Shymkent", 2)));
    }

    [Fact]
    public void TwoSmallRowsSummingBelowTheFloorAreProtectedByOneMore()
    {
        // Total 5: "3, fewer than 3, fewer than 3" would make each small row exactly 1.
        Assert.Equal("not shown, not shown, not shown", Shown(("a", 3), ("b", 1), ("c", 1)));
        Assert.Equal("8, not shown, not shown, not shown", Shown(("a", 8), ("b", 3), ("c", 1), ("d", 1)));
    }

    [Fact]
    public void SmallRowsThatAreAllOnesAreProtectedByOneMoreEvenWhenTheirSumReachesTheFloor()
    {
        // Three hidden rows summing to 3: every listed row holds a report, so each would be exactly 1.
        Assert.Equal("9, not shown, not shown, not shown, not shown", Shown(("a", 9), ("b", 4), ("c", 1), ("d", 1), ("e", 1)));
    }

    [Fact]
    public void SmallRowsThatCannotBeWorkedOutNeedNoOtherRowHidden()
    {
        Assert.Equal("5, not shown, not shown", Shown(("a", 5), ("b", 2), ("c", 1)));
        Assert.Equal("5, 3", Shown(("a", 5), ("b", 3)));
        Assert.Equal("3", Shown(("a", 3)));
    }

    [Fact]
    public void AmongEqualRowsTheOneWhoseNameSortsLastIsHidden()
    {
        Assert.Equal("4, not shown, not shown", Shown(("Almaty", 4), ("Astana", 4), ("Shymkent", 1)));
        Assert.Equal("not shown, 4, not shown", Shown(("Astana", 4), ("Almaty", 4), ("Shymkent", 1)));
    }

    [Fact]
    public void ABreakdownThatNoHidingCanProtectIsLeftOut()
    {
        // One report per row: whatever is hidden, each row is 1.
        Assert.Equal("left out", Shown(("a", 1), ("b", 1), ("c", 1)));
        // A total below the floor over two rows: each is 1.
        Assert.Equal("left out", Shown(("a", 1), ("b", 1)));
        // A total below the floor in one row says no more than the total's own "fewer than 3".
        Assert.Equal("not shown", Shown(("a", 2)));
        Assert.Equal("", Shown());
    }

    [Fact]
    public void NoHiddenRowOfABreakdownWithAKnownTotalCanBeWorkedOutFromTheOthers()
    {
        Gen.Int[1, 12].Array[1, 8].Where(counts => counts.Sum() >= Floor).Sample(counts =>
        {
            var rows = counts.Select((count, index) => ("row " + index, count)).ToArray();
            var hidden = Breakdown.HiddenRows(rows, Floor);
            if (hidden is null)
            {
                return counts.All(count => count == 1);
            }
            var number = hidden.Count(isHidden => isHidden);
            var sum = counts.Where((_, index) => hidden[index]).Sum();
            // Every small count is hidden; and either none is, or at least two are with a sum no subtraction can split:
            // at least the floor, and more than their number (each listed row holds at least one report).
            return counts.Select((count, index) => count >= Floor || hidden[index]).All(ok => ok)
                && (number == 0 || (number >= 2 && sum >= Floor && sum > number));
        });
    }

    private static string Shown(params (string Name, int Count)[] rows) =>
        Breakdown.HiddenRows(rows, Floor) is { } hidden
            ? string.Join(", ", rows.Select((row, index) => hidden[index] ? "not shown" : row.Count.ToString(CultureInfo.InvariantCulture)))
            : "left out";
}
