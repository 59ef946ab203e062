namespace CommunityBot.Letters;

/// <summary>Where a terminal puts a letter: a file readable by its owner only, since a letter may quote a story.</summary>
internal static class LetterFiles
{
    public static async Task WriteAsync(string path, byte[] docx, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var file = new FileStream(path, options);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(docx, ct).ConfigureAwait(false);
        }
    }
}
