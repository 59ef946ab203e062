using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;
using Microsoft.Extensions.Options;

namespace CommunityBot.Tests.Storage;

/// <summary>Backups of a real database on temp files, restored as an operator would: into an empty folder, over one
/// that holds data, with other keys, from a damaged file, and while a process holds the data.</summary>
public sealed class BackupTests : IDisposable
{
    private const string LiteDbPassword = "defence-in-depth-only";

    private readonly TempDirectory _source = new();
    private readonly TempDirectory _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public async Task ARestoredBackupHoldsEveryReportWithItsAdditionsIndexesAndLiteDbEncryption()
    {
        var keys = TestKeys.Fresh();
        var backup = _source.File("backup.cbk");
        var receipts = new List<string>();
        using (var stores = new TestStores(_source, keys, password: LiteDbPassword))
        {
            for (var i = 0; i < 30; i++)
            {
                var submitted = await stores.Reports.SubmitAsync(await stores.DraftKeyAsync($"telegram:{i}"), Samples.Report($"{Samples.Narrative} #{i}"));
                receipts.Add(submitted.ReceiptCode);
            }
            await stores.Reports.AddInformationAsync(receipts[3], "Добавлю: это было уже второй раз.");
            var manifest = await WriteBackupAsync(stores, backup);
            Assert.Equal(30, manifest.ReportCount);
        }

        var outcome = await RestoreAsync(keys, backup, force: false, LiteDbPassword);

        var restored = Assert.IsType<RestoreOutcome.Restored>(outcome);
        Assert.Equal(30, restored.Manifest.ReportCount);
        using var reopened = new TestStores(_target, keys, password: LiteDbPassword);
        for (var i = 0; i < receipts.Count; i++)
        {
            var report = await reopened.Reports.FindByReceiptAsync(receipts[i]);
            Assert.NotNull(report);
            Assert.Equal(new TextAnswer($"{Samples.Narrative} #{i}"), report.Answers["story"]);
        }
        Assert.Equal("Добавлю: это было уже второй раз.", Assert.Single((await reopened.Reports.FindByReceiptAsync(receipts[3]))?.Additions ?? []).Text);
        // The moderators' queue reads through its index: it came back with the pages.
        Assert.Equal(30, (await reopened.Queue.QueueAsync(ReportStatus.New, 0, 50)).Total);
    }

    [Fact]
    public async Task ARestoreIsRefusedWhileAProcessHoldsTheData()
    {
        var keys = TestKeys.Fresh();
        var backup = _source.File("backup.cbk");
        using (var stores = new TestStores(_source, keys))
        {
            await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
            await WriteBackupAsync(stores, backup);
        }
        using var running = new TestStores(_target, keys);

        var outcome = await RestoreAsync(keys, backup, force: true);

        Assert.IsType<RestoreOutcome.InUse>(outcome);
        Assert.Equal(0, (await running.Queue.QueueAsync(null, 0, 10)).Total);
    }

    [Fact]
    public async Task ARestoreReplacesDataThatIsThereOnlyWhenForced()
    {
        var keys = TestKeys.Fresh();
        var backup = _source.File("backup.cbk");
        string kept;
        using (var stores = new TestStores(_source, keys))
        {
            kept = (await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report())).ReceiptCode;
            await WriteBackupAsync(stores, backup);
        }
        string replaced;
        using (var existing = new TestStores(_target, keys))
        {
            replaced = (await existing.Reports.SubmitAsync(await existing.DraftKeyAsync("telegram:2"), Samples.Report())).ReceiptCode;
        }

        Assert.IsType<RestoreOutcome.NotEmpty>(await RestoreAsync(keys, backup, force: false));
        using (var untouched = new TestStores(_target, keys))
        {
            Assert.NotNull(await untouched.Reports.FindByReceiptAsync(replaced));
        }
        Assert.IsType<RestoreOutcome.Restored>(await RestoreAsync(keys, backup, force: true));

        using var restored = new TestStores(_target, keys);
        Assert.NotNull(await restored.Reports.FindByReceiptAsync(kept));
        Assert.Null(await restored.Reports.FindByReceiptAsync(replaced));
        Assert.Empty(Directory.EnumerateFiles(restored.Options.DataDirectory, "*restoring*"));
    }

    [Fact]
    public async Task ABackupTakenWithOtherKeysIsRefusedAsSuch()
    {
        var backup = _source.File("backup.cbk");
        using (var stores = new TestStores(_source, TestKeys.Fresh()))
        {
            await stores.Reports.SubmitAsync(await stores.DraftKeyAsync("telegram:1"), Samples.Report());
            await WriteBackupAsync(stores, backup);
        }

        var outcome = await RestoreAsync(TestKeys.Fresh(), backup, force: false);

        Assert.Equal(BackupProblem.WrongKeys, Assert.IsType<RestoreOutcome.Unreadable>(outcome).Problem);
        Assert.False(File.Exists(TargetOptions(null).DatabasePath));
    }

    [Theory]
    [InlineData("flipped")]
    [InlineData("cut short")]
    [InlineData("part missing")]
    [InlineData("bytes appended")]
    public async Task ADamagedBackupIsRefusedAndTheTargetKeepsItsData(string damage)
    {
        var keys = TestKeys.Fresh();
        var backup = _source.File("backup.cbk");
        using (var stores = new TestStores(_source, keys))
        {
            for (var i = 0; i < 20; i++)
            {
                await stores.Reports.SubmitAsync(await stores.DraftKeyAsync($"telegram:{i}"), Samples.Report());
            }
            await WriteBackupAsync(stores, backup);
        }
        string existing;
        using (var target = new TestStores(_target, keys))
        {
            existing = (await target.Reports.SubmitAsync(await target.DraftKeyAsync("telegram:99"), Samples.Report())).ReceiptCode;
        }
        var bytes = await File.ReadAllBytesAsync(backup);
        Assert.True(bytes.Length > 2 * BackupFormat.ChunkSize, $"the backup has {bytes.Length} bytes, fewer than two parts");
        var chunk = 4 + BackupFormat.ChunkSize + BackupFormat.TagLength;
        byte[] damaged = damage switch
        {
            "flipped" => Flip(bytes, bytes.Length / 2),
            "cut short" => bytes[..(BackupFormat.HeaderLength + chunk)],
            "part missing" => [.. bytes[..(BackupFormat.HeaderLength + chunk)], .. bytes[(BackupFormat.HeaderLength + 2 * chunk)..]],
            _ => [.. bytes, 0x42],
        };
        await File.WriteAllBytesAsync(backup, damaged);

        var outcome = await RestoreAsync(keys, backup, force: true);

        Assert.Equal(BackupProblem.Damaged, Assert.IsType<RestoreOutcome.Unreadable>(outcome).Problem);
        using var untouched = new TestStores(_target, keys);
        Assert.NotNull(await untouched.Reports.FindByReceiptAsync(existing));
    }

    [Fact]
    public void TheFormatHoldsOneChunkInMemoryWhateverTheContentsSize()
    {
        var keys = TestKeys.Fresh();
        var content = new byte[BackupFormat.ChunkSize];
        Random.Shared.NextBytes(content);
        const int Chunks = 320;
        using var sink = new CountingStream();

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var writer = new BackupWriter(sink, keys))
        {
            for (var i = 0; i < Chunks; i++)
            {
                writer.Write(content);
            }
            writer.Finish();
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Console.WriteLine($"Writing {Chunks * (long)content.Length / (1024 * 1024)} MiB of backup allocated {allocated / 1024} KiB");
        Assert.True(sink.Written > Chunks * (long)content.Length, "everything was written");
        Assert.True(allocated < 4 * BackupFormat.ChunkSize, $"allocated {allocated} bytes for {sink.Written}");
    }

    [Fact]
    public void WhatIsWrittenReadsBackAndOtherKeysAreToldApartFromDamage()
    {
        var keys = TestKeys.Fresh();
        var content = new byte[(3 * BackupFormat.ChunkSize) + 17];
        Random.Shared.NextBytes(content);
        using var file = new MemoryStream();
        using (var writer = new BackupWriter(file, keys))
        {
            writer.Write(content.AsSpan(0, 1000));
            writer.Write(content.AsSpan(1000));
            writer.Finish();
        }

        file.Position = 0;
        using (var reader = new BackupReader(file, keys))
        using (var back = new MemoryStream())
        {
            reader.CopyTo(back);
            Assert.Equal(content, back.ToArray());
        }
        file.Position = 0;
        Assert.Equal(BackupProblem.WrongKeys, Assert.Throws<BackupFileException>(() => new BackupReader(file, TestKeys.Fresh())).Problem);
        using var notABackup = new MemoryStream(new byte[500]);
        Assert.Equal(BackupProblem.NotABackup, Assert.Throws<BackupFileException>(() => new BackupReader(notABackup, keys)).Problem);
    }

    private static async Task<BackupManifest> WriteBackupAsync(TestStores stores, string path)
    {
        var backups = new Backups(stores.Database, stores.Keys, stores.Time);
        await using var file = File.Create(path);
        return await backups.WriteAsync(file);
    }

    private StorageOptions TargetOptions(string? password) => new() { DataDirectory = _target.File("data"), Password = password };

    private Task<RestoreOutcome> RestoreAsync(KeyRing keys, string backup, bool force, string? password = null) =>
        new BackupRestore(keys, Options.Create(TargetOptions(password))).RestoreAsync(backup, force, CancellationToken.None);

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }

    private sealed class CountingStream : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Written += buffer.Length;

        public override void Write(byte[] buffer, int offset, int count) => Written += count;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
