using CommunityBot.Privacy;
using CommunityBot.Reports;

namespace CommunityBot.Conversations;

/// <summary>
/// A member who types what the "Answer" button under a moderator's question says, rather than pressing it: its number
/// (<c>1</c>, or <c>1 1</c> typed twice as at any question), its label in any of the bot's languages (with or without its emoji), or <c>/answer</c>. Read with the
/// same matcher as every typed choice (<see cref="TypedChoice"/>).
/// </summary>
internal static class TypedAnswerRequest
{
    /// <summary>Under a relayed question "Answer" is the one choice, so its number is 1.</summary>
    private const int Choices = 1;

    /// <summary>Longer than any label of the button in any language: a longer text (a story, an answer) is never read
    /// against the labels, so the usual message costs nothing here.</summary>
    private const int LongestRequest = 40;

    /// <param name="labels">The button's labels as <see cref="Labels"/> gives them.</param>
    public static bool Is(MemberCommand? command, string text, IReadOnlySet<string> labels) =>
        command is not null
            ? command.Name == CommandNames.Answer
            : text.Length <= LongestRequest && (ChoiceNumberParser.TryParseOne(text, Choices, out _)
                || ChoiceNumberParser.TryParseRepeated(text, Choices, out _) || NamesAnswer(text, labels));

    /// <summary>The text is the button's label ("Answer", "Ответить"), not merely its number: a bare "1" with nothing
    /// open is a stray message like any other, while a typed "Answer" clearly means the moderators' question.</summary>
    /// <param name="labels">The button's labels as <see cref="Labels"/> gives them.</param>
    public static bool NamesAnswer(string text, IReadOnlySet<string> labels) =>
        text.Length <= LongestRequest && labels.Contains(TypedChoice.Fold(text));

    /// <summary>The button's label in every language, with and without its emoji, as <see cref="TypedChoice.Fold"/>
    /// gives them: folded once, as nearly every short message is compared with them.</summary>
    public static IReadOnlySet<string> Labels(TextCatalog texts) =>
        texts.Languages.Select(language => texts.Get(language, Moderation.FollowUpTexts.AnswerButton))
            .SelectMany(label => new[] { label, WithoutSymbols(label) }).Select(TypedChoice.Fold).ToHashSet(StringComparer.Ordinal);

    /// <summary>"✍️ Answer" as a member types it: "Answer".</summary>
    private static string WithoutSymbols(string label)
    {
        var start = 0;
        while (start < label.Length && !char.IsLetterOrDigit(label[start]))
        {
            start++;
        }
        return label[start..];
    }
}

/// <summary>What a member's message means for a moderators' question relayed to them.</summary>
/// <param name="Report">The report whose question the message is about.</param>
/// <param name="Answer">The answer itself when the message carries it (words after <c>/answer</c>, or a plain message
/// while the question waits for its answer); empty when the member asks to write one.</param>
/// <param name="Unasked">A plain message taken as the answer without the member asking to answer: they are told where
/// it went, and how to tell about something new instead.</param>
internal sealed record AnswerRequest(Guid Report, string Answer, bool Unasked = false);

/// <summary>
/// Outside an interview, a typed "Answer" (<see cref="TypedAnswerRequest"/>) is taken as a press of the "Answer" button
/// under the latest question relayed to the member's contact: the channel then asks for the answer as after a press.
/// A plain message while that question still waits for its answer, or right after it was answered, is the answer itself
/// (or more of it): a member asked a question answers by writing, often in several messages, whatever the question said
/// about buttons, and those words must not be lost to a welcome.
/// Inside an interview the interview takes the text ("1" is an answer to its question), and with no open question the
/// conversation says so kindly (<see cref="ReportIntake"/>). The same in every channel.
/// </summary>
internal sealed class AnswerRequests(ReportIntake intake, FollowUpContacts followUps, ReportStore reports, TextCatalog texts)
{
    // Read once: the text of nearly every short message is compared with them.
    private readonly IReadOnlySet<string> _labels = TypedAnswerRequest.Labels(texts);

    /// <summary>What the message means for the latest question relayed to this contact; null when it is no request and
    /// no answer, an interview is open (or an addition awaited), or no question is open for this contact.</summary>
    /// <param name="command">The command the text carries, if any (a slash command, or a Messenger keyword).</param>
    public async Task<AnswerRequest?> RequestedAsync(MemberKey member, FollowUpContact contact, MemberCommand? command, string text)
    {
        // After /add CODE the next words are the addition ("1" too); /answer itself is the member turning to the question,
        // and ends the addition as any other command does.
        if (command is null && intake.AwaitsAddition(member))
        {
            return null;
        }
        if (command is { Name: CommandNames.Answer })
        {
            await intake.EndAdditionAsync(member);
        }
        if (!TypedAnswerRequest.Is(command, text, _labels))
        {
            return command is null ? await PlainAnswerAsync(member, contact, text) : null;
        }
        // Words written after /answer are the answer, taken even in an interview, which goes on where it was: they
        // must not be lost to an "answer later".
        var words = command?.Argument.Trim() ?? "";
        // The open question first: most members have none, and its look-up is a small keyed read where the interview's
        // is the member's whole draft, which the conversation reads again right after for a typed "1".
        return await followUps.LatestQuestionAsync(contact) is { } latest && (words.Length > 0 || !await intake.InterviewOpenAsync(member))
            ? new AnswerRequest(latest, words)
            : null;
    }

    /// <summary>The latest question relayed to the contact while it still waits for its answer, outside an interview
    /// and an awaited addition: a sticker or photo then is met with a reminder to answer in words, not a welcome.</summary>
    public async Task<Guid?> UnansweredQuestionAsync(MemberKey member, FollowUpContact contact) =>
        !intake.AwaitsAddition(member) && await followUps.LatestQuestionAsync(contact) is { } latest
            && !await intake.InterviewOpenAsync(member) && await reports.FindByIdAsync(latest) is { } report && report.OpenQuestions.Any()
            ? latest
            : null;

    /// <returns>The answer, when the latest question relayed to the contact has not been answered yet, or was answered
    /// a moment ago (the answer goes on), and no interview is open (there the text answers the interview's question).</returns>
    private async Task<AnswerRequest?> PlainAnswerAsync(MemberKey member, FollowUpContact contact, string text)
    {
        // A receipt code sent alone asks for its report's status (see ReportIntake), whatever question is open.
        if (string.IsNullOrWhiteSpace(text) || ReceiptCode.IsAlone(text) || await followUps.LatestQuestionAsync(contact) is not { } latest
            || await intake.InterviewOpenAsync(member))
        {
            return null;
        }
        return followUps.AnsweredLately(contact, latest) || (await reports.FindByIdAsync(latest) is { } report && report.OpenQuestions.Any())
            ? new AnswerRequest(latest, text, Unasked: true)
            : null;
    }
}
