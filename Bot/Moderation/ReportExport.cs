using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CommunityBot.Conversations;
using CommunityBot.Reports;
using CsvHelper;

namespace CommunityBot.Moderation;

/// <summary>One exported report, as documented in <c>Bot/Moderation/EXPORT.md</c>. It holds nothing that identifies
/// a member (reports hold nothing of the kind), and the story only when the member agreed to its use.</summary>
internal sealed record ExportRow(
    string Label,
    DateOnly Submitted,
    string Status,
    string? Community,
    string Channel,
    string? Category,
    string? Affected,
    DateOnly? IncidentDate,
    string? Region,
    string? City,
    string? FacilityKind,
    string? Facility,
    ImmutableArray<string> Consequences,
    bool? ReportedElsewhere,
    bool? AppealsConsent,
    bool? FollowupConsent,
    string? Narrative)
{
    public static readonly ImmutableArray<string> Columns =
    [
        "label", "submitted", "status", "community", "channel", "category", "affected", "incident_date", "region", "city",
        "facility_kind", "facility", "consequences", "reported_elsewhere", "appeals_consent", "followup_consent", "narrative",
    ];

    /// <param name="placeName">The name, in the export's language, of a directory place picked at a step.</param>
    public static ExportRow Of(StoredReport report, Func<string, string, string> placeName)
    {
        // Each answer is read (and a free text decrypted) once, and only the answers exported.
        var appealsConsent = YesNo(report, ReportSteps.AppealsConsent);
        var facts = report.Facts;
        return new ExportRow(
            report.Label,
            facts.SubmittedOn,
            ReportStatusIds.Id(facts.Status),
            facts.Community,
            ReportChannels.Id(report.Channel),
            facts.Category,
            Choice(report, ReportSteps.Affected),
            facts.IncidentDate,
            Place(report, ReportSteps.Region, placeName, appealsConsent == true),
            Place(report, ReportSteps.City, placeName, appealsConsent == true),
            Choice(report, ReportSteps.FacilityKind),
            Place(report, ReportSteps.Facility, placeName, appealsConsent == true),
            report.Answer(ReportSteps.Consequences) is ChoicesAnswer consequences ? consequences.Choices : [],
            YesNo(report, ReportSteps.Reported),
            appealsConsent,
            YesNo(report, ReportSteps.FollowupConsent),
            // The member agreed to the use of the facts in letters, and only that makes the story leave the bot.
            appealsConsent == true && report.Answer(ReportSteps.Narrative) is TextAnswer narrative ? narrative.Text : null);
    }

    private static string? Choice(StoredReport report, string step) =>
        report.Answer(step) is ChoiceAnswer answer ? answer.Choice : null;

    private static bool? YesNo(StoredReport report, string step) =>
        report.Answer(step) is YesNoAnswer answer ? answer.Yes : null;

    /// <param name="consented">The member agreed to the use of the facts in appeals: a place they typed under "Other"
    /// is their own words, which can point at them like the story can, and is exported on the same condition.</param>
    private static string? Place(StoredReport report, string step, Func<string, string, string> placeName, bool consented) =>
        report.Answer(step) switch
        {
            PlaceAnswer { PlaceId: { } id } => placeName(step, id),
            PlaceAnswer { OtherText: { } typed } when consented => typed,
            _ => null,
        };
}

/// <summary>
/// <c>/export csv|json</c> and <c>Bot export</c>: the reports a filter covers, written to a stream as they are read, so
/// that memory stays the same for ten reports or a hundred thousand. Withdrawn reports are left out (nothing of them
/// is left to export) unless the filter asks for that status. Each writer returns how many reports it wrote, so that a
/// filter nothing matched is told as such rather than sent as a file of headers.
/// </summary>
internal sealed class ReportExport(ReportReader reader, FlowBundle flow)
{
    // Above this many bytes waiting, the JSON writer hands them to the stream; it would otherwise keep them all.
    private const int JsonFlushBytes = 64 * 1024;

    public async Task<int> WriteCsvAsync(Stream output, ReportFilter filter, string language, CancellationToken ct)
    {
        var written = 0;
        var options = new CsvWriterOptions
        {
            // A typed place or a story starting with = + - @ would run as a formula in a spreadsheet.
            Injection = CsvInjection.Escape,
            // With the byte order mark, spreadsheets open Cyrillic as UTF-8 instead of guessing a code page.
            WriteByteOrderMark = true,
        };
        var csv = CsvWriter.Create(output, options, leaveOpen: true);
        await using (csv)
        {
            csv.WriteHeader([.. ExportRow.Columns]);
            await foreach (var row in RowsAsync(filter, language, ct))
            {
                csv.WriteField(row.Label);
                csv.WriteField(Day(row.Submitted));
                csv.WriteField(row.Status);
                csv.WriteField(row.Community ?? "");
                csv.WriteField(row.Channel);
                csv.WriteField(row.Category ?? "");
                csv.WriteField(row.Affected ?? "");
                csv.WriteField(row.IncidentDate is { } day ? Day(day) : "");
                csv.WriteField(row.Region ?? "");
                csv.WriteField(row.City ?? "");
                csv.WriteField(row.FacilityKind ?? "");
                csv.WriteField(row.Facility ?? "");
                csv.WriteField(string.Join(';', row.Consequences));
                csv.WriteField(YesNo(row.ReportedElsewhere));
                csv.WriteField(YesNo(row.AppealsConsent));
                csv.WriteField(YesNo(row.FollowupConsent));
                csv.WriteField(row.Narrative ?? "");
                await csv.EndRecordAsync(ct);
                written++;
            }
            await csv.FlushAsync(ct);
        }
        return written;
    }

    public async Task<int> WriteJsonAsync(Stream output, ReportFilter filter, string language, CancellationToken ct)
    {
        var written = 0;
        var options = new JsonWriterOptions
        {
            Indented = true,
            // Cyrillic as itself, not \u escapes; characters that matter in HTML are still escaped.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        var json = new Utf8JsonWriter(output, options);
        await using (json)
        {
            json.WriteStartArray();
            await foreach (var row in RowsAsync(filter, language, ct))
            {
                Write(json, row);
                written++;
                if (json.BytesPending > JsonFlushBytes)
                {
                    await json.FlushAsync(ct);
                }
            }
            json.WriteEndArray();
            await json.FlushAsync(ct);
        }
        return written;
    }

    private static void Write(Utf8JsonWriter json, ExportRow row)
    {
        json.WriteStartObject();
        json.WriteString("label", row.Label);
        json.WriteString("submitted", Day(row.Submitted));
        json.WriteString("status", row.Status);
        String(json, "community", row.Community);
        json.WriteString("channel", row.Channel);
        String(json, "category", row.Category);
        String(json, "affected", row.Affected);
        String(json, "incident_date", row.IncidentDate is { } day ? Day(day) : null);
        String(json, "region", row.Region);
        String(json, "city", row.City);
        String(json, "facility_kind", row.FacilityKind);
        String(json, "facility", row.Facility);
        json.WriteStartArray("consequences");
        foreach (var consequence in row.Consequences)
        {
            json.WriteStringValue(consequence);
        }
        json.WriteEndArray();
        Boolean(json, "reported_elsewhere", row.ReportedElsewhere);
        Boolean(json, "appeals_consent", row.AppealsConsent);
        Boolean(json, "followup_consent", row.FollowupConsent);
        String(json, "narrative", row.Narrative);
        json.WriteEndObject();
    }

    private async IAsyncEnumerable<ExportRow> RowsAsync(
        ReportFilter filter,
        string language,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        // Ids are unique within a level only: the city of Almaty and the region of Almaty are both "almaty".
        var regions = flow.Places.Regions;
        var cities = regions.SelectMany(region => region.Children).ToArray();
        var names = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal)
        {
            [ReportSteps.Region] = Names(regions),
            [ReportSteps.City] = Names(cities),
            [ReportSteps.Facility] = Names(cities.SelectMany(city => city.Children)),
        };
        string PlaceName(string step, string id) =>
            names.TryGetValue(step, out var level) && level.TryGetValue(id, out var name) ? name : id;
        Dictionary<string, string> Names(IEnumerable<Place> places) =>
            places.DistinctBy(place => place.Id, StringComparer.Ordinal)
                .ToDictionary(place => place.Id, place => place.Name(language, flow.Texts.DefaultLanguage), StringComparer.Ordinal);

        await foreach (var report in reader.ReadStoredAsync(filter, ct, answersOnly: true))
        {
            if (report.Facts.Status == ReportStatus.Withdrawn && filter.Status != ReportStatus.Withdrawn)
            {
                continue;
            }
            yield return ExportRow.Of(report, PlaceName);
        }
    }

    private static void String(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void Boolean(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } yes)
        {
            json.WriteBoolean(name, yes);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string YesNo(bool? value) => value switch
    {
        true => ChoiceIds.Yes,
        false => ChoiceIds.No,
        null => "",
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
