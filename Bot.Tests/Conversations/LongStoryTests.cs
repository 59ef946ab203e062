using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>A story far longer than a story may be, told before its question or while "That is long" waits: held whole
/// for the member to decide, or they are told how much of it was kept.</summary>
public sealed class LongStoryTests
{
    /// <summary>What the story question allows, and ten times it: what a story waiting for its question may hold.</summary>
    private const int StoryMax = 6000;
    private const int HeldMax = StoryMax * 10;

    private static string Said(Transcript chat) => string.Join("\n", chat.Replies.Select(reply => reply.Text));

    private static string StoryOf(Transcript chat) => Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text;

    /// <summary>A text of about <paramref name="length"/> characters as Telegram delivers it: in parts of at most 4,096
    /// (each without the spaces it began or ended with, as the bot reads it).</summary>
    private static string[] PartsOf(int length)
    {
        var text = string.Concat(Enumerable.Repeat("В больнице не давали дозу и кричали при всех ", length / 40 + 1))[..length];
        return [.. text.Chunk(4096).Select(part => new string(part).Trim())];
    }

    private static Transcript SayAll(Transcript chat, IEnumerable<string> parts)
    {
        foreach (var part in parts)
        {
            chat.Say(part);
        }
        return chat;
    }

    private static Transcript OnToTheStory(Transcript chat) =>
        chat.Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");

    [Fact]
    public void AThirtyThousandCharacterStoryTypedAtTheFirstQuestionIsHeldWholeForTheStoryQuestion()
    {
        var parts = PartsOf(30_000);
        var chat = SayAll(Transcript.Start("ru"), parts);
        Assert.Equal("consent", chat.StepId);
        Assert.DoesNotContain("не сохранил", Said(chat), StringComparison.Ordinal);

        OnToTheStory(chat.Press(ChoiceIds.Accept).Press("hospital").Press("me")).Press(ChoiceIds.KeepText);

        var whole = string.Join("\n", parts);
        Assert.Equal(new PendingTooLong(whole), chat.State?.Pending);
        Assert.Contains(whole.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), chat.Question.Text, StringComparison.Ordinal);
        Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.KeepStart);
    }

    [Fact]
    public void ATextBeyondWhatAWaitingStoryCanHoldIsCutAndTheMemberIsToldHowMuchWasKept()
    {
        var chat = SayAll(Transcript.Start("ru").Press(ChoiceIds.Accept), PartsOf(HeldMax - 2000));
        var heldSoFar = StoryOf(chat).Length;
        Assert.InRange(heldSoFar, HeldMax - 4000, HeldMax - 1);

        var last = PartsOf(4000)[0];
        chat.Say(last);

        Assert.Equal(HeldMax, StoryOf(chat).Length);
        var kept = HeldMax - heldSoFar - 1;
        Assert.Contains($"сохранил его начало (символов: {kept}), а остальное (символов: {last.Length - kept}) не сохранилось", Said(chat), StringComparison.Ordinal);

        chat.Say("И ещё одно: врач так и не пришёл, а медсестра сказала ждать до понедельника.");

        Assert.Equal(HeldMax, StoryOf(chat).Length);
        Assert.Contains($"Этот текст не сохранился: для рассказа уже отложено столько, сколько можно (символов: {HeldMax})", Said(chat), StringComparison.Ordinal);
        Assert.Equal("category", chat.StepId);
    }

    [Fact]
    public void PartsOfALongStoryArrivingWhileTheContactQuestionIsOpenAreAllKept()
    {
        var parts = PartsOf(20_000);
        parts[0] = "Врач сказал звонить ему на +7 701 234 56 78 " + parts[0][45..];
        var chat = SayAll(OnToTheStory(Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Press("me")), parts);

        Assert.Equal(new PendingTooLong(string.Join("\n", parts)), chat.State?.Pending);
        Assert.DoesNotContain("не сохранил", Said(chat), StringComparison.Ordinal);
    }

    [Fact]
    public void AFirstMessageLongerThanAStoryMayBeIsHeldWholeForTheStoryQuestion()
    {
        var story = string.Join(" ", PartsOf(10_000));
        var chat = Transcript.Start("ru");
        chat.Apply(chat.Runner.StartWithStory("ru", story, chat.Now));

        OnToTheStory(chat.Press(ChoiceIds.Accept).Press("hospital").Press("me")).Press(ChoiceIds.KeepText);

        Assert.Equal(new PendingTooLong(story), chat.State?.Pending);
    }
}
