using CommunityBot.Reports;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Storage;

/// <summary>What a power cut can take: LiteDB 5 writes its log lazily and never flushes it to the device, so a submission
/// is told done only once it is in the data file, flushed (checked here by reading the data file alone, as a power cut
/// that lost the log would leave it).</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ASubmittedReportIsInTheDataFileItselfOnceTheSubmissionReturns()
    {
        var keys = TestKeys.Fresh();
        using var copy = new TempDirectory();
        SubmittedReport submitted;
        using (var stores = new TestStores(_directory, keys))
        {
            submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:4100"), Samples.Report());

            // Taken while the service still runs: the data file as the device holds it, without the log beside it.
            Directory.CreateDirectory(copy.File("data"));
            using var source = new FileStream(stores.Database.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var target = File.Create(Path.Combine(copy.File("data"), Path.GetFileName(stores.Database.Path)));
            await source.CopyToAsync(target);
        }

        using var afterCut = new TestStores(copy, keys);
        var found = await afterCut.Reports.FindByReceiptAsync(submitted.ReceiptCode);
        Assert.NotNull(found);
        Assert.Equal(submitted.Label, found.Label);
        Assert.Single(await new ReportCards(afterCut.Database).OwedAsync());
    }

    [Fact]
    public async Task SubmissionsArrivingTogetherShareTheirFlushesToTheDisk()
    {
        using var stores = new TestStores(_directory);
        var members = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => stores.DraftKeyAsync("telegram:42" + i)));

        // The gate is busy while they arrive, so that all of them are waiting when it is free.
        using var busy = new ManualResetEventSlim();
        var holding = stores.Database.RunAsync(_ => busy.Wait(TimeSpan.FromSeconds(30)));
        var submitting = members.Select(member => stores.Reports.SubmitAsync(member, Samples.Report())).ToList();
        busy.Set();
        await holding;
        var submitted = await Task.WhenAll(submitting);

        var (flushes, spent) = stores.Database.DiskFlushes;
        Console.WriteLine($"50 submissions together: {flushes} flush(es) to the disk, {spent.TotalMilliseconds:F1} ms in all");
        Assert.Equal(50, submitted.Select(s => s.Label).Distinct().Count());
        Assert.InRange(flushes, 1, 49);
    }
}
