using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// The running counts of each day as last read, with the stamp the day's document carried then, so that statistics
/// read again only the days that changed since (a submission or a status change touches one day): the stamps of the
/// days asked for are read, nothing else, and a day whose stamp is the same is taken from here. Touched only on the
/// database thread (<see cref="ReportTallies.Read"/>); what it hands out is never changed. It holds counts of what the
/// facts hold in clear, as the store does.
/// </summary>
internal sealed class TallyCache
{
    private readonly Dictionary<string, (BsonValue Stamp, ReportTally[] Tallies)> _days = new(StringComparer.Ordinal);

    // One copy of each category, community and region name for all the days kept (LiteDB reads a new string each time).
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>The one copy kept of a name read from a day's counts.</summary>
    public string? Name(string? name)
    {
        if (name is null)
        {
            return null;
        }
        if (!_names.TryGetValue(name, out var kept))
        {
            _names[name] = kept = name;
        }
        return kept;
    }

    /// <summary>How many days' counts are kept.</summary>
    public int Days => _days.Count;

    /// <summary>The day's counts, when they were read under the same stamp.</summary>
    public ReportTally[]? Find(string day, BsonValue stamp) =>
        _days.TryGetValue(day, out var kept) && kept.Stamp == stamp ? kept.Tallies : null;

    public void Keep(string day, BsonValue stamp, ReportTally[] tallies) => _days[day] = (stamp, tallies);

    /// <summary>Forgets the days from <paramref name="from"/> to <paramref name="to"/> (yyyy-MM-dd, inclusive; null:
    /// open) that are not in <paramref name="present"/>: their documents are gone (their last report moved away).</summary>
    public void KeepOnly(string? from, string? to, HashSet<string> present)
    {
        List<string> gone = [.. _days.Keys.Where(day =>
            (from is null || string.CompareOrdinal(day, from) >= 0) && (to is null || string.CompareOrdinal(day, to) <= 0) && !present.Contains(day))];
        gone.ForEach(day => _days.Remove(day));
    }
}
