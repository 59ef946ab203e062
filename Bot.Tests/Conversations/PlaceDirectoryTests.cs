using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

public sealed class PlaceDirectoryTests
{
    private static readonly PlaceDirectory Places = ShippedFlow.Load().Places;

    [Theory]
    [InlineData("Караганда", "karaganda", "karaganda")]
    [InlineData("Өскемен", "east_kazakhstan", "oskemen")]
    [InlineData("Ust-Kamenogorsk", "east_kazakhstan", "oskemen")]
    [InlineData("г. Алматы", "almaty", "almaty")]
    [InlineData("г.Алматы", "almaty", "almaty")]
    [InlineData("Караганда қ.", "karaganda", "karaganda")]
    [InlineData("Есик", "almaty_region", "yesik")]
    public void ATownTypedAnywhereNamesItsRegionAndItself(string typed, string region, string town) =>
        Assert.Equal(new TypedPlace(region, town), Places.FindTyped(typed));

    [Theory]
    [InlineData("Карагандинская область", "karaganda")]
    [InlineData("Карагандинская", "karaganda")]
    [InlineData("алматинская", "almaty_region")]
    [InlineData("Алматы (город)", "almaty")]
    [InlineData("Западно-Казахстанская", "west_kazakhstan")]
    public void ARegionTypedByItsNameOrFirstWordsNamesTheRegion(string typed, string region) =>
        Assert.Equal(new TypedPlace(region, null), Places.FindTyped(typed));

    [Theory]
    [InlineData("город")]
    [InlineData("Область")]
    [InlineData("г.")]
    [InlineData("Посёлок Есик, тел +7 701 234 56 78")]
    [InlineData("Кар")]
    public void WhatNamesNoPlaceOrSeveralNamesNone(string typed) =>
        Assert.Null(Places.FindTyped(typed));
}
