using CommunityBot.Privacy;
using System.Net.Sockets;
using System.Runtime.Versioning;
using CommunityBot.Storage;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Storage;

/// <summary>The socket <c>Bot backup</c> asks the running service through: owner-only, there only while the service
/// runs, and a leftover from a killed one misleads nobody.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BackupSocketTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private string SocketPath => BackupSocket.PathOf(Path.Combine(_data.Path, new StorageOptions().DatabaseFile));

    [Fact]
    public async Task TheSocketIsOwnerOnlyAndThereOnlyWhileTheServiceRuns()
    {
        await using (await ChatHost.StartAsync(_data.Path))
        {
            Assert.True(File.Exists(SocketPath));
            Assert.Equal(OwnerOnlyFiles.Mode, File.GetUnixFileMode(SocketPath) & (UnixFileMode)0x1FF);
            Assert.True(await BackupSocket.AnswersAsync(Path.Combine(_data.Path, new StorageOptions().DatabaseFile), CancellationToken.None));
        }

        Assert.False(File.Exists(SocketPath));
    }

    [Fact]
    public async Task ASocketLeftByAKilledServiceIsTakenForNobodyAndTheNextStartListensAgain()
    {
        await using (await ChatHost.StartAsync(_data.Path))
        {
        }
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(SocketPath));
        }
        var database = Path.Combine(_data.Path, new StorageOptions().DatabaseFile);
        using (var output = new MemoryStream())
        {
            Assert.IsType<BackupAnswer.NobodyListens>(await BackupSocket.RequestAsync(database, output, CancellationToken.None));
            Assert.Equal(0, output.Length);
        }

        await using (await ChatHost.StartAsync(_data.Path))
        {
            using var output = new MemoryStream();
            var answer = await BackupSocket.RequestAsync(database, output, CancellationToken.None);
            Assert.IsType<BackupAnswer.Taken>(answer);
            Assert.True(output.Length > BackupFormat.HeaderLength);
        }
    }
}
