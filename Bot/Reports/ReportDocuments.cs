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
    public const string History = "history";
    public const string Answers = "answers";
    public const string AssignedTo = "assignedTo";
    public const string RejectReason = "rejectReason";
    public const string DuplicateOf = "duplicateOf";
    public const string Notes = "notes";

    /// <summary>The channel's name (<see cref="ReportChannels"/>); missing on reports stored before it was recorded.</summary>
    public const string Channel = "channel";

    /// <summary>Index for the moderators' queue: one status, newest day first, ties broken by label so that pages do
    /// not overlap. The day is the finest time a report keeps, so "newest" means the latest day.</summary>
    public const string QueueIndex = "queue";
    public const string QueueExpression = "$.status + '/' + $.submittedOn + '/' + $.label";

    /// <summary>Index for the queue of every status: newest day first, then label.</summary>
    public const string NewestIndex = "newest";
    public const string NewestExpression = "$.submittedOn + '/' + $.label";

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
        [Channel] = ReportChannels.Id(report.Channel),
        [Answers] = new BsonArray(report.Answers
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => ToDocument(report.Id, pair.Key, pair.Value, cipher))),
        [Status] = report.Status.ToString(),
        [History] = new BsonArray(report.History.Select(Change)),
        [Additions] = new BsonArray(report.Additions.Select((addition, i) => Addition(report.Id, i, addition, cipher))),
        [AssignedTo] = Text(report.AssignedTo),
        [RejectReason] = Text(report.RejectReason),
        [DuplicateOf] = report.DuplicateOf is { } original ? new BsonValue(original) : BsonValue.Null,
        [Notes] = new BsonArray(report.Notes.Select((note, i) => Note(report.Id, i, note, cipher))),
    };

    public static BsonDocument Change(StatusChange change)
    {
        var document = new BsonDocument
        {
            ["status"] = change.Status.ToString(),
            ["on"] = Day(change.On),
        };
        if (change.By is not null)
        {
            document["by"] = change.By;
        }
        return document;
    }

    /// <summary>The note's text is encrypted like every free text; who wrote it is a display label, kept in clear.</summary>
    public static BsonDocument Note(Guid reportId, int index, ReportNote note, FieldCipher cipher)
    {
        var document = new BsonDocument
        {
            ["on"] = Day(note.On),
            ["by"] = note.By,
            ["text"] = cipher.Encrypt(note.Text, NoteContext(reportId, index)),
        };
        if (note.Question)
        {
            document["question"] = true;
        }
        if (note.Answered)
        {
            document["answered"] = true;
        }
        return document;
    }

    /// <summary>Marks the moderators' questions still open on a stored report as answered.</summary>
    /// <returns>Whether there was an open question (so what the member wrote now is its answer).</returns>
    public static bool AnswerOpenQuestions(BsonDocument document)
    {
        var answered = false;
        foreach (var note in ArrayOf(document, Notes))
        {
            if (note.IsDocument && Flag(note, "question") && !Flag(note, "answered"))
            {
                note.AsDocument["answered"] = true;
                answered = true;
            }
        }
        return answered;
    }

    private static string NoteContext(Guid reportId, int index) =>
        $"report/{reportId:N}/note/{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The array stored under <paramref name="field"/>, or an empty one for a report stored before it existed.</summary>
    public static BsonArray ArrayOf(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && value.IsArray ? value.AsArray : [];

    private static string? TextOf(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && value.IsString ? value.AsString : null;

    private static BsonValue Text(string? text) => text is null ? BsonValue.Null : new BsonValue(text);

    public const string Additions = "additions";

    public static BsonDocument Addition(Guid reportId, int index, ReportAddition addition, FieldCipher cipher)
    {
        var document = new BsonDocument
        {
            ["on"] = Day(addition.On),
            ["text"] = cipher.Encrypt(addition.Text, AdditionContext(reportId, index)),
        };
        if (addition.Answer)
        {
            document["answer"] = true;
        }
        return document;
    }

    private static bool Flag(BsonValue value, string field) =>
        value.AsDocument.TryGetValue(field, out var flag) && flag.IsBoolean && flag.AsBoolean;

    private static string AdditionContext(Guid reportId, int index) =>
        $"report/{reportId:N}/addition/{index.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="followUpAvailable">Whether the member's follow-up contact is kept; it lives in another collection.</param>
    public static IncidentReport FromDocument(BsonDocument document, FieldCipher cipher, bool followUpAvailable)
    {
        var id = document["_id"].AsGuid;
        var answers = document[Answers].AsArray
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
            ChannelOf(document),
            answers,
            Enum.Parse<ReportStatus>(document[Status].AsString),
            [.. document[History].AsArray.Select(value => new StatusChange(
                Enum.Parse<ReportStatus>(value["status"].AsString),
                Day(value["on"]),
                value.AsDocument.TryGetValue("by", out var by) && by.IsString ? by.AsString : null))],
            [.. ArrayOf(document, Additions).Select((value, i) =>
                new ReportAddition(Day(value["on"]), cipher.Decrypt(value["text"].AsBinary, AdditionContext(id, i)), Flag(value, "answer")))],
            TextOf(document, AssignedTo),
            TextOf(document, RejectReason),
            document.TryGetValue(DuplicateOf, out var original) && original.IsGuid ? original.AsGuid : null,
            [.. ArrayOf(document, Notes).Select((value, i) => new ReportNote(
                Day(value["on"]),
                value["by"].AsString,
                cipher.Decrypt(value["text"].AsBinary, NoteContext(id, i)),
                Flag(value, "question"),
                Flag(value, "answered")))],
            followUpAvailable);
    }

    /// <summary>The channel a stored report came through; Telegram for reports stored before it was recorded.</summary>
    public static ReportChannel ChannelOf(BsonDocument document) => ReportChannels.Parse(TextOf(document, Channel));

    /// <summary>One answer of a stored report, its free text (if it has one) decrypted now and no other: for readers that
    /// need a few answers of many reports. Null when the report has no answer for the step.</summary>
    public static Answer? AnswerOf(BsonDocument document, string stepId, FieldCipher cipher)
    {
        foreach (var value in ArrayOf(document, Answers))
        {
            if (value.IsDocument && value["step"].AsString == stepId)
            {
                return ToAnswer(document["_id"].AsGuid, value.AsDocument, cipher);
            }
        }
        return null;
    }

    /// <summary>Every free text of the report, decrypted: answers, additions and notes.</summary>
    public static IEnumerable<string> FreeTexts(IncidentReport report) =>
        report.Answers.Values
            .SelectMany(answer => answer switch
            {
                TextAnswer a => [a.Text],
                PlaceAnswer { OtherText: { } other } => [other],
                _ => Array.Empty<string>(),
            })
            .Concat(report.Additions.Select(addition => addition.Text))
            .Concat(report.Notes.Select(note => note.Text));

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

    /// <summary>A stored report's answers by step, as stored (nothing decrypted).</summary>
    public static Dictionary<string, BsonDocument> AnswersByStep(BsonDocument document)
    {
        var answers = new Dictionary<string, BsonDocument>(StringComparer.Ordinal);
        foreach (var value in ArrayOf(document, Answers))
        {
            if (value.IsDocument)
            {
                answers.TryAdd(value["step"].AsString, value.AsDocument);
            }
        }
        return answers;
    }

    /// <summary>One stored answer (of <see cref="AnswersByStep"/>), its free text decrypted.</summary>
    public static Answer ToAnswer(Guid reportId, BsonDocument answer, FieldCipher cipher)
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

    public static string Day(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly Day(BsonValue value) =>
        DateOnly.ParseExact(value.AsString, DateFormat, CultureInfo.InvariantCulture);
}
