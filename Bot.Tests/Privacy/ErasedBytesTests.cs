using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using LiteDB;

namespace CommunityBot.Tests.Privacy;

/// <summary>
/// A server taken while running holds the data key, so whatever encrypted bytes of an erased story or follow-up contact
/// were still in its files could be read. These look at every byte of the data folder after the erasing, for the very
/// ciphertext the record held (found there before, so that the look is known to work), with neighbours written before
/// and after it and a story long enough to span several pages.
/// </summary>
public sealed class ErasedBytesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AWithdrawnReportLeavesNoByteOfItsEncryptedWordsInTheFiles()
    {
        using var stores = new TestStores(_directory);
        await SubmitNeighboursAsync(stores, "telegram:1", count: 5);
        var story = string.Concat(Enumerable.Repeat("В больнице отказали в метадоне, медсестра сказала уходить. ", 170));
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report(story));
        await stores.Reports.AddInformationAsync(report.ReceiptCode, "Ещё: на следующий день тоже отказали.");
        await stores.Reports.AddNoteAsync(report.Id, "M-3F9A", "Участница уточнила: отделение номер семь.");
        await SubmitNeighboursAsync(stores, "telegram:3", count: 5);
        var encrypted = await EncryptedFieldsAsync(stores, report.Id);
        Assert.True(encrypted.Sum(blob => blob.Length) > 16_000, "the story does not span several pages");
        await stores.Database.RunAsync(db => db.Checkpoint());
        AssertAllIn(stores.RawBytes(), encrypted);

        Assert.NotNull(await stores.Reports.WithdrawAsync(report.ReceiptCode));
        await stores.Database.RunAsync(db => db.Checkpoint());

        AssertNoneIn(stores.RawBytes(), encrypted);
    }

    [Fact]
    public async Task AClosedCasesFollowUpContactLeavesNoByteOfItsEncryptedChatInTheFiles()
    {
        using var stores = new TestStores(_directory);
        await SubmitNeighboursAsync(stores, "telegram:1", count: 3);
        var report = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:2"), Samples.Report());
        await stores.FollowUps.KeepAsync(report.Id, FollowUpContact.Telegram(987654321987));
        var neighbour = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:3"), Samples.Report());
        await stores.FollowUps.KeepAsync(neighbour.Id, FollowUpContact.Telegram(123456789012));
        var contact = await stores.Database.RunAsync(db =>
            db.GetCollection("followups").FindById(report.Id).Values.Where(value => value.IsBinary).Select(value => value.AsBinary).ToList());
        Assert.NotEmpty(contact);
        await stores.Database.RunAsync(db => db.Checkpoint());
        AssertAllIn(stores.RawBytes(), contact);

        await stores.FollowUps.EraseAsync(report.Id);

        AssertNoneIn(stores.RawBytes(), contact);
        Assert.Equal(FollowUpContact.Telegram(123456789012), await stores.FollowUps.FindAsync(neighbour.Id));
    }

    private static async Task SubmitNeighboursAsync(TestStores stores, string member, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await stores.Reports.SubmitAsync(await stores.DraftKeyAsync(member + i), Samples.Report(new string('x', 200 + (i * 900))));
        }
    }

    // Every encrypted field of what withdrawing erases: the answers, additions and notes (the receipt code's keyed hash
    // stays, so that the member's code still answers "withdrawn").
    private static Task<List<byte[]>> EncryptedFieldsAsync(TestStores stores, Guid id) => stores.Database.RunAsync(db =>
    {
        var found = new List<byte[]>();
        void Walk(BsonValue value)
        {
            if (value.IsBinary)
            {
                found.Add(value.AsBinary);
            }
            else if (value.IsDocument)
            {
                foreach (var inner in value.AsDocument.Values)
                {
                    Walk(inner);
                }
            }
            else if (value.IsArray)
            {
                foreach (var inner in value.AsArray)
                {
                    Walk(inner);
                }
            }
        }
        var document = db.GetCollection(ReportDocuments.Collection).FindById(id);
        foreach (var field in new[] { ReportDocuments.Answers, ReportDocuments.Additions, ReportDocuments.Notes })
        {
            Walk(document[field]);
        }
        return found;
    });

    // A ciphertext longer than a page is stored in pieces: most of its 16-byte windows are found whole.
    private static void AssertAllIn(byte[] raw, List<byte[]> blobs)
    {
        foreach (var blob in blobs)
        {
            Assert.True(Windows(blob).Count(at => raw.AsSpan().IndexOf(blob.AsSpan(at, 16)) >= 0) * 10 >= Windows(blob).Count() * 9,
                "a ciphertext is not where this test looks for it");
        }
    }

    // Any 16 bytes in a row of a ciphertext would be a piece of it left behind.
    private static void AssertNoneIn(byte[] raw, List<byte[]> blobs)
    {
        foreach (var blob in blobs)
        {
            foreach (var at in Windows(blob))
            {
                Assert.True(raw.AsSpan().IndexOf(blob.AsSpan(at, 16)) < 0, $"16 bytes of an erased ciphertext ({blob.Length} bytes, at {at}) are still in the files");
            }
        }
    }

    private static IEnumerable<int> Windows(byte[] blob)
    {
        for (var at = 0; at + 16 <= blob.Length; at += 8)
        {
            yield return at;
        }
    }
}
