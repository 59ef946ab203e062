namespace CommunityBot.Conversations;

/// <summary>Choice ids the engine itself offers. They start with '~' (or a prefix and ':') so that
/// they can never clash with a choice id from a flow file.</summary>
internal static class ChoiceIds
{
    public const string Done = "~done";
    public const string Other = "~other";
    public const string Submit = "~submit";
    public const string Accept = "~accept";
    public const string Decline = "~decline";
    public const string Mask = "~mask";
    public const string Keep = "~keep";
    public const string KeepStart = "~keep-start";
    public const string KeepText = "~keep-text";
    public const string Retype = "~retype";
    public const string Today = "~today";
    public const string Yesterday = "~yesterday";
    public const string ThisWeek = "~week";
    public const string Earlier = "~earlier";
    public const string Yes = "yes";
    public const string No = "no";

    /// <summary>The flow's "None of these" in a list of ticks: it excludes every other tick, and a typed no picks it.</summary>
    public const string None = "none";
    public const string EditPrefix = "edit:";
    public const string DayPrefix = "day:";
}
