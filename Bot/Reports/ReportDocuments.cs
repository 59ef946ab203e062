using System.Collections.Immutable;
using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using LiteDB;

namespace CommunityBot.Reports;

/// <summary>
/// How a report is laid out in LiteDB, by hand so that nothing is stored by accident. Choices,
/// yes/no, dates and place ids stay readable (moderators count them); every free text is encrypted
/// with the report id and step id as context.
/// </summary>
internal static class ReportDocuments
{
    public const string Collection = "reports";

    public const string Label = "label";
    public const string Receipt = "receipt";
    public const string SubmittedOn = "submittedOn";
    public const string Status = "status";

    private const string DateFormat = "yyyy-MM-dd";

    public static BsonDocument ToDocument(IncidentReport report, FieldCipher cipher) => new()
    {
        ["_id"] = report.Id,
        [Label] = report.Label,
        [SubmittedOn] = Day(report.SubmittedOn),
        ["flowId"] = report.FlowId,
        ["flowVersion"] = report.FlowVersion,
        ["language"] = report.Language,
        ["community"] = report.Community is null ? BsonValue.Null : new BsonValue(report.Community),
        ["answers"] = new BsonArray(report.Answers
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => ToDocument(report.Id, pair.Key, pair.Value, cipher))),
        [Status] = report.Status.ToString(),
        ["history"] = new BsonArray(report.History.Select(change => new BsonDocument
        {
            ["status"] = change.Status.ToString(),
            ["on"] = Day(change.On),
        })),
        [Additions] = new BsonArray(report.Additions.Select((addition, i) => Addition(report.Id, i, addition, cipher))),
    };

    public const string Additions = "additions";

    public static BsonDocument Addition(Guid reportId, int index, ReportAddition addition, FieldCipher cipher) => new()
    {
        ["on"] = Day(addition.On),
        ["text"] = cipher.Encrypt(addition.Text, AdditionContext(reportId, index)),
    };

    private static string AdditionContext(Guid reportId, int index) =>
        $"report/{reportId:N}/addition/{index.ToString(CultureInfo.InvariantCulture)}";

    public static IncidentReport FromDocument(BsonDocument document, FieldCipher cipher)
    {
        var id = document["_id"].AsGuid;
        var answers = document["answers"].AsArray
            .Select(value => value.AsDocument)
            .ToImmutableDictionary(
                answer => answer["step"].AsString,
                answer => ToAnswer(id, answer, cipher),
                StringComparer.Ordinal);

        return new IncidentReport(
            id,
            document[Label].AsString,
            Day(document[SubmittedOn]),
            document["flowId"].AsString,
            document["flowVersion"].AsInt32,
            document["language"].AsString,
            document["community"].IsNull ? null : document["community"].AsString,
            answers,
            Enum.Parse<ReportStatus>(document[Status].AsString),
            [.. document["history"].AsArray.Select(value =>
                new StatusChange(Enum.Parse<ReportStatus>(value["status"].AsString), Day(value["on"])))],
            [.. (document[Additions].IsArray ? document[Additions].AsArray : []).Select((value, i) =>
                new ReportAddition(Day(value["on"]), cipher.Decrypt(value["text"].AsBinary, AdditionContext(id, i))))]);
    }

    private static BsonDocument ToDocument(Guid reportId, string stepId, Answer answer, FieldCipher cipher) =>
        answer switch
        {
            ChoiceAnswer a => new() { ["step"] = stepId, ["kind"] = "choice", ["choice"] = a.Choice },
            ChoicesAnswer a => new()
            {
                ["step"] = stepId,
                ["kind"] = "choices",
                ["choices"] = new BsonArray(a.Choices.Select(choice => new BsonValue(choice))),
            },
            YesNoAnswer a => new() { ["step"] = stepId, ["kind"] = "yesno", ["yes"] = a.Yes },
            DateAnswer a => new() { ["step"] = stepId, ["kind"] = "date", ["date"] = Day(a.Date) },
            TextAnswer a => new()
            {
                ["step"] = stepId,
                ["kind"] = "text",
                ["text"] = cipher.Encrypt(a.Text, Context(reportId, stepId)),
            },
            PlaceAnswer a => new()
            {
                ["step"] = stepId,
                ["kind"] = "place",
                ["placeId"] = a.PlaceId is null ? BsonValue.Null : new BsonValue(a.PlaceId),
                ["other"] = a.OtherText is null
                    ? BsonValue.Null
                    : new BsonValue(cipher.Encrypt(a.OtherText, Context(reportId, stepId) + "/other")),
            },
            _ => throw new NotSupportedException($"No storage layout for answers of type {answer.GetType().Name}."),
        };

    private static Answer ToAnswer(Guid reportId, BsonDocument answer, FieldCipher cipher)
    {
        var stepId = answer["step"].AsString;
        return answer["kind"].AsString switch
        {
            "choice" => new ChoiceAnswer(answer["choice"].AsString),
            "choices" => new ChoicesAnswer([.. answer["choices"].AsArray.Select(value => value.AsString)]),
            "yesno" => new YesNoAnswer(answer["yes"].AsBoolean),
            "date" => new DateAnswer(Day(answer["date"])),
            "text" => new TextAnswer(cipher.Decrypt(answer["text"].AsBinary, Context(reportId, stepId))),
            "place" => new PlaceAnswer(
                answer["placeId"].IsNull ? null : answer["placeId"].AsString,
                answer["other"].IsNull ? null : cipher.Decrypt(answer["other"].AsBinary, Context(reportId, stepId) + "/other")),
            var kind => throw new InvalidDataException($"Unknown answer kind '{kind}' in report {reportId}."),
        };
    }

    private static string Context(Guid reportId, string stepId) => $"report/{reportId:N}/{stepId}";

    private static string Day(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly Day(BsonValue value) =>
        DateOnly.ParseExact(value.AsString, DateFormat, CultureInfo.InvariantCulture);
}
