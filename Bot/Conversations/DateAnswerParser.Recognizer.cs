using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace CommunityBot.Conversations;

/// <summary>English free text through Microsoft.Recognizers.Text, for what the word lists do not read.</summary>
internal sealed partial class DateAnswerParser
{
    private static readonly TimeOnly Noon = new(12, 0);

    // Building the English model takes a good part of a second; a Russian-only deployment never pays it,
    // and the first English answer pays it once for everyone.
    private readonly Lazy<DateTimeModel> _english = new(
        () => new DateTimeRecognizer(Culture.English, DateTimeOptions.None, lazyInitialization: false)
            .GetDateTimeModel(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private DateParse.Parsed? Recognize(string text, DateOnly today)
    {
        List<ModelResult> results;
        try
        {
            results = _english.Value.Parse(text, today.ToDateTime(Noon));
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        foreach (var result in results)
        {
            // The day the member says it was not ("not now", meant as "not answering now", read as today).
            if (DateWords.EnglishNegationBefore().IsMatch(text.AsSpan(0, Math.Clamp(result.Start, 0, text.Length))))
            {
                continue;
            }
            if (DateOf(result, today) is { } date)
            {
                return new DateParse.Parsed(date);
            }
        }

        return null;
    }

    /// <summary>The day a recognizer result names, if it names exactly one: of several candidates (past and
    /// future readings of "Tuesday") the latest not after today; ranges longer than a day name none.</summary>
    private static DateOnly? DateOf(ModelResult result, DateOnly today)
    {
        if (result.Resolution is null
            || !result.Resolution.TryGetValue("values", out var values)
            || values is not IEnumerable<IReadOnlyDictionary<string, string>> candidates)
        {
            return null;
        }

        DateOnly? best = null;
        foreach (var candidate in candidates)
        {
            if (CandidateDay(candidate) is not { } day)
            {
                continue;
            }

            best = best switch
            {
                null => day,
                { } current when current > today => day < current ? day : current,
                { } current => day <= today && day > current ? day : current,
            };
        }

        return best;
    }

    private static DateOnly? CandidateDay(IReadOnlyDictionary<string, string> candidate)
    {
        string? Get(string key) => candidate.TryGetValue(key, out var value) ? value : null;

        switch (Get("type"))
        {
            case "date" or "datetime":
                return RecognizerDateTime(Get("value")) is { } value ? DateOnly.FromDateTime(value) : null;
            case "daterange" or "datetimerange":
                if (RecognizerDateTime(Get("start")) is not { } start
                    || RecognizerDateTime(Get("end")) is not { } end
                    || end < start
                    || end - start > TimeSpan.FromDays(1))
                {
                    return null;
                }

                return DateOnly.FromDateTime(start);
            default:
                return null;
        }
    }

    private static DateTime? RecognizerDateTime(string? text) =>
        DateTime.TryParseExact(
            text,
            ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out var value)
            ? value
            : null;
}
