using System.ComponentModel.DataAnnotations;

namespace CommunityBot.Conversations;

/// <summary>The intake conversation: which flow, its texts and places, and how long drafts live.</summary>
internal sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Relative paths are read from the program's folder.</summary>
    [Required]
    public string FlowFile { get; set; } = "Flows/incident.yaml";

    [Required]
    public string TextsDirectory { get; set; } = "Flows/texts";

    /// <summary>Regions, cities and facilities offered at the place questions; empty for none.</summary>
    public string? PlacesFile { get; set; } = "Flows/places.yaml";

    [Required]
    [RegularExpression("^[a-z]{2,3}$")]
    public string DefaultLanguage { get; set; } = "ru";

    /// <summary>An unfinished report is erased after this long without an answer.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan DraftLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Incident dates before this are refused as typing mistakes.</summary>
    public DateOnly DateFloor { get; set; } = new(2015, 1, 1);

    /// <summary>The community's time zone (IANA id): "today" and "yesterday" are counted in it.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Almaty";

    /// <summary>A member's reports beyond this many in one hour wait for the next hour (their draft is kept).</summary>
    [Range(1, 1000)]
    public int ReportsPerHour { get; set; } = 3;

    /// <summary>A member's reports beyond this many in 24 hours wait until the oldest is a day old.</summary>
    [Range(1, 1000)]
    public int ReportsPerDay { get; set; } = 10;

    /// <summary>A member's additions (<c>/add</c>) beyond this many in one hour wait for the next hour.</summary>
    [Range(1, 1000)]
    public int AdditionsPerHour { get; set; } = 10;

    internal static string Resolve(string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}
