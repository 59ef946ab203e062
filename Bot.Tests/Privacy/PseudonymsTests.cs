using CommunityBot.Privacy;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Privacy;

public sealed class PseudonymsTests
{
    private readonly Pseudonyms _pseudonyms = new(TestKeys.Fresh());

    [Fact]
    public void TheSameMemberAlwaysGetsTheSamePseudonym() =>
        Assert.Equal(
            _pseudonyms.Of(PseudonymPurpose.Drafts, "telegram:123456789"),
            _pseudonyms.Of(PseudonymPurpose.Drafts, "telegram:123456789"));

    [Fact]
    public void APseudonymIsUrlSafeAndDoesNotContainTheUserKey()
    {
        var pseudonym = _pseudonyms.Of(PseudonymPurpose.Drafts, "telegram:123456789");

        Assert.Equal(43, pseudonym.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", pseudonym);
        Assert.DoesNotContain("123456789", pseudonym, StringComparison.Ordinal);
    }

    [Fact]
    public void EachPurposeHasItsOwnKey()
    {
        var all = Enum.GetValues<PseudonymPurpose>().Select(p => _pseudonyms.Of(p, "telegram:123456789")).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void DifferentMembersAndDifferentKeysGiveDifferentPseudonyms()
    {
        var mine = _pseudonyms.Of(PseudonymPurpose.Drafts, "telegram:1");

        Assert.NotEqual(mine, _pseudonyms.Of(PseudonymPurpose.Drafts, "telegram:2"));
        Assert.NotEqual(mine, new Pseudonyms(TestKeys.Fresh()).Of(PseudonymPurpose.Drafts, "telegram:1"));
    }
}
