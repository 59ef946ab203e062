using System.Globalization;
using CommunityBot.Conversations;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Benchmarks.Soak;

/// <summary>
/// A member going through the interview as a person does: they read the bot's newest question and answer it, typing
/// or pressing; when no answer comes within <paramref name="patience"/> they send the same thing again.
/// Their story carries their number, so that a stored report can be traced back to the run's member (only here).
/// </summary>
internal sealed class SoakMember(FakeMember member, int number, TimeSpan patience)
{
    private static readonly TextCatalog Texts = ShippedFlow.Load().Texts;

    /// <summary>Step ids in the order the shipped flow asks them (the optional "where reported" is not reached).</summary>
    private static readonly string[] Steps =
        ["consent", "category", "affected", "when", "region", "city", "facility_kind", "facility", "narrative",
         "consequences", "reported", "appeals_consent", "followup_consent", "review"];

    /// <summary>The questions by their first line; a place with no list to choose from is asked for by name.</summary>
    private static readonly (string Step, string Start)[] Prompts =
        [.. Steps.Select(step => (step, FirstLine(Texts.Get("ru", step + ".prompt")))), ("place_name", FirstLine(Texts.Get("ru", "place.type_name")))];

    private readonly List<(int AfterMessageId, bool Resend)> _actions = [];

    public int Number { get; } = number;

    public FakeMember Chat { get; } = member;

    /// <summary>The receipt codes this member saw (more than one would be a duplicated submission).</summary>
    public List<string> Receipts { get; } = [];

    /// <summary>The labels of the reports those receipts named.</summary>
    public List<string> Labels { get; } = [];

    public int Resends { get; private set; }

    /// <summary>What stopped this member other than a receipt (none expected).</summary>
    public string? Failure { get; private set; }

    /// <summary>What the member did: after which of the bot's messages, and whether it was the same thing again.</summary>
    public IReadOnlyList<(int AfterMessageId, bool Resend)> Actions => _actions;

    public static string Story(int number) =>
        "В больнице три дня не давали метадон, сказали что у них нет лицензии. Случай участника " + number.ToString(CultureInfo.InvariantCulture) + ".";

    /// <summary>The member's number from a stored story, or null when the story is not one of the soak's.</summary>
    public static int? NumberIn(string story)
    {
        const string marker = "Случай участника ";
        var at = story.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 || !int.TryParse(story[(at + marker.Length)..].TrimEnd('.'), NumberStyles.None, CultureInfo.InvariantCulture, out var found) ? null : found;
    }

    /// <summary>From /report to the receipt, or until <paramref name="giveUp"/>.</summary>
    public async Task RunAsync(CancellationToken giveUp)
    {
        try
        {
            await InterviewAsync(giveUp);
        }
#pragma warning disable CA1031 // Counted and shown as the run's result; one member's surprise must not end the others' run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Failure = e.GetType().Name + ": " + e.Message;
        }
    }

    private async Task InterviewAsync(CancellationToken giveUp)
    {
        Func<Task> last = () => Act(m => m.SendsAsync("/report"));
        await last();
        while (!giveUp.IsCancellationRequested)
        {
            BotMessage reply;
            try
            {
                reply = await Chat.WaitForReplyAsync(Recognised, patience);
            }
            catch (TimeoutException)
            {
                Resends++;
                await last();
                _actions[^1] = (_actions[^1].AfterMessageId, true);
                continue;
            }
            // More than one answer may have come (a resend answered too): the newest question is the one open.
            var newest = Chat.Replies.LastOrDefault(Recognised) ?? reply;
            if (Scripts.ReceiptCode().Match(newest.Text ?? "") is { Success: true } code)
            {
                Receipts.Add(code.Value);
                Labels.Add(Scripts.Label().Match(newest.Text ?? "").Value);
                return;
            }
            last = Answer(StepOf(newest));
            await last();
        }
    }

    private Func<Task> Answer(string step) => step switch
    {
        "consent" => () => Press(Texts.Get("ru", "consent.accept")),
        "category" => () => Press(Texts.Get("ru", "category.hospital")),
        "when" => () => Act(m => m.SendsAsync("вчера")),
        "narrative" => () => Act(m => m.SendsAsync(Story(Number))),
        "place_name" => () => Act(m => m.SendsAsync("Городская больница")),
        "consequences" => () => Act(m => m.SendsAsync("1, 4")),
        "reported" or "followup_consent" => () => Act(m => m.SendsAsync("нет")),
        "appeals_consent" => () => Act(m => m.SendsAsync("да")),
        _ => () => Act(m => m.SendsAsync("1")),
    };

    /// <summary>Presses the button where the member sees it; when it is gone from the chat (the question was shown
    /// again without it, or the bot removed it), the member types the first choice's number as the question allows.</summary>
    private async Task Press(string button)
    {
        if (Chat.Replies.Any(r => r.ButtonTexts.Contains(button)))
        {
            try
            {
                await Act(m => m.PressesAsync(button));
                return;
            }
            catch (InvalidOperationException)
            {
                // Gone between the look and the press.
            }
        }
        await Act(m => m.SendsAsync("1"));
    }

    private async Task Act(Func<FakeMember, Task> action)
    {
        var after = Chat.LastReply?.MessageId ?? 0;
        await action(Chat);
        _actions.Add((after, false));
    }

    private static bool Recognised(BotMessage message) =>
        message.Text is { } text && (Scripts.ReceiptCode().IsMatch(text) || Prompts.Any(p => text.Contains(p.Start, StringComparison.Ordinal)));

    private static string StepOf(BotMessage message) =>
        Prompts.Last(p => (message.Text ?? "").Contains(p.Start, StringComparison.Ordinal)).Step;

    private static string FirstLine(string text) => text.Split('\n')[0];
}
