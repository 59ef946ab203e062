using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.Options;

namespace CommunityBot.Moderation;

/// <summary>
/// Where an export is written before it is sent, so that a hundred thousand reports never sit in memory: a file in
/// <c>scratch/</c> under the data directory, readable by its owner only. On Unix its name is removed as soon as it is
/// open (the open handle keeps the bytes), so nothing is left behind even if the process is killed mid-export;
/// elsewhere the system deletes it when it is closed.
/// </summary>
internal sealed class ExportScratch(IOptions<StorageOptions> storage)
{
    private const int BufferSize = 64 * 1024;

    public string Folder => Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, "scratch"));

    /// <summary>An empty file open for writing and reading back; disposing it is what deletes it.</summary>
    public FileStream Create()
    {
        var folder = Folder;
        OwnerOnlyFiles.CreateFolder(folder);
        var path = Path.Combine(folder, "export-" + Guid.NewGuid().ToString("N") + ".tmp");
        var file = OwnerOnlyFiles.Open(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose, BufferSize);
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                file.Dispose();
                throw;
            }
        }
        return file;
    }
}
