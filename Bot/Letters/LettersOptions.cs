namespace CommunityBot.Letters;

/// <summary>Where appeal-letter templates come from besides the shipped ones.</summary>
internal sealed class LettersOptions
{
    public const string Section = "Letters";

    /// <summary>A folder laid out like <c>Letters/Templates</c> (<c>ru/*.liquid</c>, <c>en/*.liquid</c>): its templates
    /// replace shipped ones with the same id and language and add new ones. Relative paths are read from the program's
    /// folder. Empty for the shipped templates only.</summary>
    public string? TemplatesFolder { get; set; }

    /// <summary>Remembered field answers are erased after this long without use.</summary>
    public TimeSpan DefaultsLifetime { get; set; } = TimeSpan.FromDays(90);
}
