using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Storage;

/// <summary>The database's files: where they are, their lock, their modes, and compaction after erasing.</summary>
internal sealed partial class Database
{
    /// <summary>Rewrites the database file with only what it holds now, so that the pages freed by erasing (a purge)
    /// no longer hold the erased ciphertext, and overwrites the copy LiteDB keeps of the old file.</summary>
    /// <remarks>LiteDB's <c>Rebuild</c> has two traps: without the password it writes the new file unencrypted (LiteDB
    /// issues #2449, #2824), and with secondary indexes on a few thousand documents it fails part-way, "Detected loop in
    /// FindAll" (#2827). So the password and the collation are passed on, and the secondary indexes are dropped before
    /// and made again after, as they were.</remarks>
    /// <returns>The file's size before and after, in bytes.</returns>
    public Task<(long Before, long After)> CompactAsync() => RunAsync(db =>
    {
        db.Checkpoint();
        var before = new FileInfo(Path).Length;
        var indexes = db.GetCollection("$indexes").FindAll()
            .Where(index => index["name"].AsString != "_id")
            .Select(index => (Collection: index["collection"].AsString, Name: index["name"].AsString,
                Expression: index["expression"].AsString, Unique: index["unique"].AsBoolean))
            .ToList();
        foreach (var index in indexes)
        {
            db.GetCollection(index.Collection).DropIndex(index.Name);
        }
        try
        {
            db.Rebuild(new LiteDB.Engine.RebuildOptions { Password = _password, Collation = db.Collation });
            foreach (var index in indexes)
            {
                db.GetCollection(index.Collection).EnsureIndex(index.Name, index.Expression, index.Unique);
            }
            db.Checkpoint();
        }
        finally
        {
            // Even after a rebuild that failed part-way: it deletes the log (LiteDB makes it again at its next write,
            // with the default mode, unless it is there already, owner-only) and may have put a new data file in the
            // place of the old one, which the flushes of durable work must reach.
            PrepareFiles();
            TightenModes();
            ReopenDataFile();
        }
        // The new file and its name reach the device before the old one is overwritten: LiteDB flushes neither for an
        // encrypted file, and a power cut must leave one whole database.
        _dataFile.Flush(flushToDisk: true);
        OwnerOnlyFiles.SyncDirectory(System.IO.Path.GetDirectoryName(Path) ?? ".");
        // The old file, erased pages and all, is what LiteDB keeps as its backup (an older one left by an automatic
        // rebuild holds what was erased since, too).
        foreach (var leftover in Leftovers())
        {
            OwnerOnlyFiles.OverwriteAndDelete(leftover);
        }
        return (before, new FileInfo(Path).Length);
    });

    // The files LiteDB's rebuild leaves beside the database: <name>-backup*.db and <name>-temp*.db.
    private IEnumerable<string> Leftovers()
    {
        var folder = System.IO.Path.GetDirectoryName(Path) ?? ".";
        var name = System.IO.Path.GetFileNameWithoutExtension(Path);
        var extension = System.IO.Path.GetExtension(Path);
        return [.. Directory.EnumerateFiles(folder, $"{name}-backup*{extension}"), .. Directory.EnumerateFiles(folder, $"{name}-temp*{extension}")];
    }

    /// <summary>Where LiteDB keeps the write-ahead log of the database at <paramref name="databasePath"/>.</summary>
    public static string LogPathOf(string databasePath) => System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(databasePath) ?? ".",
        $"{System.IO.Path.GetFileNameWithoutExtension(databasePath)}-log{System.IO.Path.GetExtension(databasePath)}");

    /// <summary>The exclusive lock on the database at <paramref name="databasePath"/>, held for as long as the returned
    /// stream is open; null when another process (or another Database in this one) holds it.</summary>
    // LiteDB in direct mode does not stop a second process (a CLI verb beside the service) from
    // opening the same file, and two writers corrupt it. An exclusive lock file does.
    public static FileStream? TryLock(string databasePath)
    {
        var path = databasePath + ".lock";
        try
        {
            return OwnerOnlyFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        }
        catch (IOException)
        {
            return null;
        }
    }

    // Created empty by us with owner-only mode before LiteDB opens them, so that the files are never
    // readable by others, not even between LiteDB creating them and the mode being changed.
    private void PrepareFiles()
    {
        OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(Path) ?? ".");
        foreach (var file in new[] { Path, LogPath })
        {
            if (!File.Exists(file))
            {
                OwnerOnlyFiles.Open(file, FileMode.CreateNew, FileAccess.Write).Dispose();
            }
        }
    }

    private FileStream OpenDataFile() =>
        new(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    private void ReopenDataFile()
    {
        _dataFile.Dispose();
        _dataFile = OpenDataFile();
    }

    private void TightenModes()
    {
        foreach (var file in new[] { Path, LogPath })
        {
            OwnerOnlyFiles.Tighten(file);
        }
    }
}
