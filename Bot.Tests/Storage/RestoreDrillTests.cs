using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Storage;

/// <summary>
/// The drill an operator should run once a season: members report (some agreeing to follow-up questions, some adding
/// details later) while <c>Bot backup</c> runs beside the service; the service stops; <c>Bot restore</c> puts the
/// backup into a new folder holding the same keys; the service starts there. Every report the backup counts reads
/// back whole, every receipt code submitted before the backup still answers <c>/status</c>, and a report submitted
/// while it ran is either wholly in it or not at all. The backup's bytes name nobody.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class RestoreDrillTests : TelegramScenario
{
    private const long FirstMember = 7_420_000_101;
    private const int Before = 5;
    private const string Story = "Медсестра Канарейкина-Резерв сказала, что метадон в этой больнице не положен.";
    private const string Addition = "Добавлю: Канарейкина-Резерв отказала и на следующий день.";

    private static string UsernameOf(long id) => "drill_" + id.ToString(CultureInfo.InvariantCulture)[^3..] + "_x";

    private static string FirstNameOf(long id) => "Учения" + id.ToString(CultureInfo.InvariantCulture)[^3..];

    [Fact]
    public async Task ABackupTakenWhileMembersReportRestoresIntoANewFolderWhereEveryReceiptStillAnswers()
    {
        Server.Group(TelegramBotHost.ModeratorsChatId, "Модераторы");
        using var elsewhere = new TempDirectory();
        var backupFile = elsewhere.File("communitybot.backup");
        var kept = new List<Kept>();
        var nextMember = FirstMember;
        var backupStarted = 0;
        var backupDone = 0;
        BotProcess.Result backup;
        await using (var bot = await StartBotAsync())
        {
            // Two members at a time report without pause, from before the backup starts until after it ends.
            async Task KeepReportingAsync()
            {
                while (Volatile.Read(ref backupDone) == 0)
                {
                    var id = Interlocked.Increment(ref nextMember);
                    var report = await SubmitAsync(id, followUp: id % 2 == 0);
                    lock (kept)
                    {
                        kept.Add(report with { Before = Volatile.Read(ref backupStarted) == 0 });
                    }
                }
            }
            var streams = new[] { KeepReportingAsync(), KeepReportingAsync() };
            await EventuallyAsync(() => Count(kept, before: true) >= Before, "members reported before the backup");
            Kept[] added;
            lock (kept)
            {
                added = [.. kept.Take(2)];
            }
            foreach (var report in added)
            {
                await AddAsync(report);
            }

            Interlocked.Exchange(ref backupStarted, 1);
            var clock = Stopwatch.StartNew();
            backup = await BotProcess.RunAsync(["backup", "--data", Data.Path, "--out", backupFile]);
            Interlocked.Exchange(ref backupDone, 1);
            Console.WriteLine($"Backup beside the running service took {clock.ElapsedMilliseconds} ms (process start included); " +
                $"{Count(kept, before: false)} reports were submitted while it ran");
            await Task.WhenAll(streams);
            await Server.WaitUntilIdleAsync(TimeSpan.FromSeconds(20));
        }
        var before = Count(kept, before: true);

        Assert.True(backup.ExitCode == 0, backup.Error + backup.Output);
        Assert.Contains("useless without the keys", backup.Output, StringComparison.Ordinal);
        Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(backupFile));
        var backupBytes = await File.ReadAllBytesAsync(backupFile);
        AssertNamesNobody(backupBytes, kept);

        using var restored = new TempDirectory();
        var keyFile = Path.Combine(restored.Path, BotHost.LocalKeyFileName);
        File.Copy(Path.Combine(Data.Path, BotHost.LocalKeyFileName), keyFile);
        File.SetUnixFileMode(keyFile, OwnerOnlyFiles.Mode);
        var restore = await BotProcess.RunAsync(["restore", "--data", restored.Path, "--from", backupFile]);
        Assert.True(restore.ExitCode == 0, restore.Error + restore.Output);

        var manifest = ManifestOf(backupFile, keyFile);
        Console.WriteLine($"The backup holds {manifest.ReportCount} reports ({before} submitted before it began, {kept.Count - before} while it ran or just after), " +
            $"{manifest.DatabaseLength / 1024} KiB of database, {backupBytes.Length / 1024} KiB of backup");
        Assert.InRange(manifest.ReportCount, before, kept.Count);
        await using var again = await TelegramBotHost.StartAsync(Server, restored.Path);
        var (reports, total) = await again.Queue.QueueAsync(null, 0, 100);
        Assert.Equal(manifest.ReportCount, total);
        foreach (var report in reports)
        {
            Assert.Equal(new TextAnswer(Story), report.Answers["narrative"]);
        }

        var answeredDuring = 0;
        foreach (var report in kept)
        {
            var member = Member(report.MemberId);
            var status = await Do(member, m => m.SendsAsync("/status " + report.Code));
            var found = status.Text?.Contains(report.Label, StringComparison.Ordinal) == true;
            Assert.True(found || !report.Before, $"a receipt from before the backup does not answer: {status.Text}");
            Assert.True(found || status.Text?.Contains(T("ru", "status.unknown"), StringComparison.Ordinal) == true, status.Text);
            answeredDuring += found && !report.Before ? 1 : 0;
        }
        Assert.Equal(manifest.ReportCount - before, answeredDuring);
        foreach (var report in kept.Take(2))
        {
            Assert.True(report.Before);
            Assert.Equal(Addition, Assert.Single((await again.Reports.FindByReceiptAsync(report.Code))?.Additions ?? []).Text);
        }
    }

    private FakeMember Member(long id) => Server.PrivateChatWith(userId: id, firstName: FirstNameOf(id), username: UsernameOf(id), languageCode: "ru");

    private static int Count(List<Kept> kept, bool before)
    {
        lock (kept)
        {
            return kept.Count(report => report.Before == before);
        }
    }

    private async Task<Kept> SubmitAsync(long id, bool followUp)
    {
        var member = Member(id);
        await Do(member, m => m.SendsAsync("/report"));
        await Do(member, m => m.PressesAsync(T("ru", "consent.accept")));
        var receipt = (await ReportFromCategoryAsync(member, followUp, Story)).Text ?? "";
        var code = Scripts.ReceiptCode().Match(receipt).Value;
        var label = Scripts.Label().Match(receipt).Value;
        Assert.NotEmpty(code);
        Assert.NotEmpty(label);
        return new Kept(id, code, label, Before: true);
    }

    private async Task AddAsync(Kept report)
    {
        var member = Member(report.MemberId);
        await Do(member, m => m.SendsAsync("/add " + report.Code));
        await Do(member, m => m.SendsAsync(Addition));
    }

    private static BackupManifest ManifestOf(string backupFile, string keyFile)
    {
        using var material = KeyRing.ReadPlainKeyFile(keyFile);
        using var input = File.OpenRead(backupFile);
        using var reader = new BackupReader(input, new KeyRing(material.DataKey, material.PseudonymKey));
        var length = new byte[sizeof(long)];
        reader.ReadExactly(length, "database");
        var skip = new byte[BackupFormat.ChunkSize];
        for (var left = BinaryPrimitives.ReadInt64BigEndian(length); left > 0; left -= skip.Length)
        {
            reader.ReadExactly(skip.AsSpan(0, (int)Math.Min(left, skip.Length)), "database");
        }
        using var rest = new MemoryStream();
        reader.CopyTo(rest);
        return BackupManifest.FromJson(rest.ToArray()) ?? throw new InvalidDataException("no manifest");
    }

    private static void AssertNamesNobody(byte[] bytes, IEnumerable<Kept> reports)
    {
        Assert.False(RawBytes.Contain(bytes, "Канарейкина"), "the backup holds the story");
        foreach (var report in reports)
        {
            var id = report.MemberId;
            Assert.False(RawBytes.Contain(bytes, id.ToString(CultureInfo.InvariantCulture)), $"the backup holds the id {id}");
            Assert.False(bytes.AsSpan().IndexOf(BitConverter.GetBytes(id)) >= 0, $"the backup holds the id {id} as a number");
            Assert.False(RawBytes.Contain(bytes, UsernameOf(id)), "the backup holds a username");
            Assert.False(RawBytes.Contain(bytes, FirstNameOf(id)), "the backup holds a name");
            Assert.False(RawBytes.Contain(bytes, report.Code), "the backup holds a receipt code");
            Assert.False(RawBytes.Contain(bytes, report.Code.Replace("-", "", StringComparison.Ordinal)), "the backup holds a receipt code");
            Assert.False(RawBytes.Contain(bytes, report.Label), "the backup holds a report's label");
        }
    }

    private sealed record Kept(long MemberId, string Code, string Label, bool Before);
}
