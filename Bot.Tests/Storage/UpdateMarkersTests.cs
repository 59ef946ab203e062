using CommunityBot.Storage;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Storage;

public sealed class UpdateMarkersTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AMarkedUpdateIsSeenUntilItsMarkerExpires()
    {
        using var stores = new TestStores(_directory);
        var markers = new UpdateMarkers(stores.Database, stores.Pseudonyms, stores.Time);
        var marker = markers.For("telegram", 1234);

        Assert.False(await markers.SeenAsync(marker));
        await markers.MarkAsync(marker);
        Assert.True(await markers.SeenAsync(marker));

        stores.Time.Advance(TimeSpan.FromHours(47));
        await markers.PurgeAsync();
        Assert.True(await markers.SeenAsync(marker));

        stores.Time.Advance(TimeSpan.FromHours(2));
        await markers.PurgeAsync();
        Assert.False(await markers.SeenAsync(marker));
    }

    [Fact]
    public void AMarkerIsAKeyedHashNotTheUpdateId()
    {
        using var stores = new TestStores(_directory);
        var markers = new UpdateMarkers(stores.Database, stores.Pseudonyms, stores.Time);

        var marker = markers.For("telegram", 987654321);

        Assert.DoesNotContain("987654321", marker, StringComparison.Ordinal);
        Assert.NotEqual(marker, markers.For("telegram", 987654322));
        Assert.Equal(marker, markers.For("telegram", 987654321));
    }
}
