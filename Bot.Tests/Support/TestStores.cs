using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommunityBot.Tests.Support;

/// <summary>The real database and stores on a temp directory, wired as the host wires them.
/// Dispose it and build another on the same directory and keys to "restart".</summary>
internal sealed class TestStores : IDisposable
{
    public TestStores(TempDirectory directory, KeyRing? keys = null, IReportCodes? codes = null, string? password = null)
    {
        Directory = directory;
        Keys = keys ?? TestKeys.Fresh();
        Options = new StorageOptions { DataDirectory = directory.File("data"), Password = password };
        Database = new Database(Microsoft.Extensions.Options.Options.Create(Options));
        Cipher = new FieldCipher(Keys);
        Pseudonyms = new Pseudonyms(Keys);
        PeriodKeys = new PeriodKeys(Database, Cipher, Time);
        DraftCache = DraftStore.NewCache(Time);
        Drafts = new DraftStore(Database, Cipher, DraftCache, PeriodKeys, Pseudonyms, Time, NullLogger<DraftStore>.Instance);
        Reports = new ReportStore(Database, Cipher, Pseudonyms, codes ?? new RandomReportCodes(), Time, Calendar, Drafts, new Operations.ServiceVitals(Time));
        Queue = new ReportQueue(Database, Cipher, Pseudonyms, Reports);
        StatusChanges = new StatusChanges(Database, Cipher, Time, Calendar);
        FollowUps = new FollowUpContacts(Database, Cipher, Pseudonyms, Time, Calendar, new FollowUpQuestions(Database, Pseudonyms));
    }

    public TempDirectory Directory { get; }

    public KeyRing Keys { get; }

    public StorageOptions Options { get; }

    /// <summary>The community's calendar: days are Almaty's, as in the shipped configuration.</summary>
    public static CalendarSettings Calendar { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty"), new DateOnly(2020, 1, 1));

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 12, 15, 42, 17, TimeSpan.Zero));

    public Database Database { get; }

    public FieldCipher Cipher { get; }

    public Pseudonyms Pseudonyms { get; }

    public PeriodKeys PeriodKeys { get; }

    public ReportStore Reports { get; }

    public ReportQueue Queue { get; }

    public StatusChanges StatusChanges { get; }

    public FollowUpContacts FollowUps { get; }

    public DraftStore Drafts { get; }

    /// <summary>The decrypted drafts kept in memory: one per database, shared by the stores on it.</summary>
    public FadingMemory<string, ConversationState> DraftCache { get; }

    /// <summary>The member's draft pseudonym under the keys live now.</summary>
    public async Task<PeriodPseudonym> DraftKeyAsync(string channelUserKey) => await Drafts.PseudonymAsync(channelUserKey);

    /// <summary>Every byte of every file under the data directory, read as it is on disk.</summary>
    public byte[] RawBytes() =>
        [.. System.IO.Directory.EnumerateFiles(Options.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".lock", StringComparison.Ordinal))
            .SelectMany(path =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            })];

    public void Dispose()
    {
        FollowUps.Dispose();
        DraftCache.Dispose();
        Database.Dispose();
    }
}
