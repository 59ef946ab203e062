using System.ComponentModel.DataAnnotations;

namespace CommunityBot.Storage;

internal sealed class StorageOptions
{
    public const string Section = "Storage";

    [Required]
    public string DataDirectory { get; set; } = "./data";

    [Required]
    public string DatabaseFile { get; set; } = "communitybot.db";

    /// <summary>LiteDB's own file encryption, defence in depth only: texts that matter are already
    /// encrypted by the application.</summary>
    public string? Password { get; set; }

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFile));
}
