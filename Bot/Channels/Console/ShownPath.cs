namespace CommunityBot.Channels.Console;

/// <summary>Where a file written at the terminal lies, relative to a folder the person there knows.</summary>
internal enum ShownPlace
{
    /// <summary>Under the folder the program was started in.</summary>
    CurrentFolder,
    /// <summary>Under the data folder, elsewhere.</summary>
    DataFolder,
    /// <summary>Neither: only the file's name is shown.</summary>
    Elsewhere,
}

/// <summary>
/// A file's path as the terminal prints it: never from the root, which would put the operator's home folder and user
/// name on a screen that members and visitors look at (and in screenshots of it).
/// </summary>
internal readonly record struct ShownPath(string Path, ShownPlace Place)
{
    public static ShownPath Of(string path, string dataDirectory, string currentDirectory)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Under(full, currentDirectory) is { } fromHere)
        {
            return new ShownPath(fromHere, ShownPlace.CurrentFolder);
        }
        return Under(full, dataDirectory) is { } fromData
            ? new ShownPath(fromData, ShownPlace.DataFolder)
            : new ShownPath(System.IO.Path.GetFileName(full), ShownPlace.Elsewhere);
    }

    private static string? Under(string full, string folder)
    {
        var relative = System.IO.Path.GetRelativePath(System.IO.Path.GetFullPath(folder), full);
        return relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? null : relative;
    }
}
