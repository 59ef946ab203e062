using LiteDB;

namespace CommunityBot.Moderation;

/// <summary>
/// What moderators did, append-only: there is deliberately no way here to change or remove an entry. Times are kept
/// to the minute; a moderator appears as a <see cref="Privacy.PseudonymPurpose.Moderators"/> pseudonym, which the
/// caller computes, so no Telegram id arrives here.
/// </summary>
internal sealed class AuditLog(Storage.Database database, TimeProvider time)
{
    private const string Collection = "audit";
    private const string At = "at";
    private const string Moderator = "moderator";
    private const string Report = "report";
    private const string Action = "action";

    public Task AppendAsync(string moderatorPseudonym, string reportLabel, string action)
    {
        var now = time.GetUtcNow();
        return database.RunAsync(db => Append(db, new Audited(moderatorPseudonym, action), reportLabel, now));
    }

    /// <summary>Appends an entry on the database thread, so that a change to a report and its entry are written in
    /// one transaction: neither can exist without the other.</summary>
    public static void Append(LiteDatabase db, Audited act, string reportLabel, DateTimeOffset now)
    {
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        Entries(db).Insert(new BsonDocument
        {
            [At] = minute.ToUnixTimeSeconds(),
            [Moderator] = act.Moderator,
            [Report] = reportLabel,
            [Action] = act.Action,
        });
    }

    /// <summary>The latest <paramref name="take"/> entries, newest first (in the order they were appended, which
    /// the minute alone cannot tell).</summary>
    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var documents = await database.RunAsync(db => Entries(db).Query().OrderByDescending("_id").Limit(take).ToList())
            ;
        return [.. documents.Select(document => new AuditEntry(
            DateTimeOffset.FromUnixTimeSeconds(document[At].AsInt64),
            document[Moderator].AsString,
            document[Report].AsString,
            document[Action].AsString))];
    }

    // A counted id orders the entries exactly; unlike a report's, an audit entry's order is not a secret.
    private static ILiteCollection<BsonDocument> Entries(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Int64);
}

/// <param name="At">UTC, to the minute.</param>
/// <param name="Moderator">The moderator's pseudonym.</param>
/// <param name="Report">The report's label.</param>
internal sealed record AuditEntry(DateTimeOffset At, string Moderator, string Report, string Action);

/// <summary>A moderator's action to be written to the audit log with the change it made.</summary>
/// <param name="Moderator">The moderator's pseudonym.</param>
internal sealed record Audited(string Moderator, string Action);
