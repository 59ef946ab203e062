using CommunityBot.Privacy;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Privacy;

public sealed class OwnerOnlyFilesTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode EveryoneReads = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AFileThatEveryoneCouldReadIsReplacedByOneOnlyItsOwnerCan()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var path = _data.File("export.csv");
        await File.WriteAllTextAsync(path, "an older export");
        File.SetUnixFileMode(path, EveryoneReads);
        // Someone who opened the old file keeps reading the old file, never what is written now.
        await using var earlier = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        await OwnerOnlyFiles.WriteAsync(path, "a story"u8.ToArray(), CancellationToken.None);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal("a story", await File.ReadAllTextAsync(path));
        using var reader = new StreamReader(earlier);
        Assert.Equal("an older export", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task AWriteThatFailsLeavesTheOldFileWholeAndNoHalfWrittenOneBeside()
    {
        var path = _data.File("export.json");
        await File.WriteAllTextAsync(path, "the previous export");

        await Assert.ThrowsAsync<InvalidOperationException>(() => OwnerOnlyFiles.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync("half of a new export"u8.ToArray(), ct);
            throw new InvalidOperationException("the database went away");
        }, CancellationToken.None));

        Assert.Equal("the previous export", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_data.Path));
    }

    [Fact]
    public async Task ASymbolicLinkIsReplacedNotFollowed()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var target = _data.File("somewhere-public.txt");
        await File.WriteAllTextAsync(target, "public");
        var link = _data.File("letter.docx");
        File.CreateSymbolicLink(link, target);

        await OwnerOnlyFiles.WriteAsync(link, "a letter"u8.ToArray(), CancellationToken.None);

        Assert.Equal("public", await File.ReadAllTextAsync(target));
        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(link));
    }

    [Fact]
    public async Task TheChatVerbsLogFilesAreReadableByTheirOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        await using (var host = await ChatHost.StartAsync(_data.Path))
        {
            await host.TypeAsync("ru", "/report", "1");
        }

        var logs = Path.Combine(_data.Path, "logs");
        var files = Directory.GetFiles(logs);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
        }
        Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(logs));
    }
}
