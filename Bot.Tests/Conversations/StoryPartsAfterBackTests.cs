using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Conversations;

/// <summary>A long story the app cut into parts, with Back pressed (or "назад" typed) before every part arrived: the
/// parts that come after it join the story; none takes its place or answers a question.</summary>
public sealed class StoryPartsAfterBackTests
{
    /// <summary>A part as long as the app sends in one message (Telegram cuts at 4,096 characters).</summary>
    private static readonly string CutPart = string.Concat(Enumerable.Repeat("В больнице не давали дозу и кричали при всех. ", 100))[..4096];

    private const string LastPart = "Потом меня выписали без дозы, и я два дня искал, где её получить.";

    private static Transcript AtNarrative() =>
        Transcript.Start("ru").Press(ChoiceIds.Accept).Press("hospital").Press("me")
            .Press(ChoiceIds.Today).Press("almaty").Press("almaty").Press("narcology").Press("almaty_narcology");

    private static string StoryOf(Transcript chat) => Assert.IsType<TextAnswer>(chat.State?.Answers["narrative"]).Text;

    private static string Joined => ShippedFlow.Load().Texts.Get("ru", "text.joined_after_back");

    private static Transcript GoBack(Transcript chat, bool typed) => typed ? chat.Say("назад") : chat.Back();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APartArrivingAfterBackJoinsTheStoryAndTheMemberIsToldSo(bool typed)
    {
        var chat = GoBack(AtNarrative().Say(CutPart), typed).Say(LastPart);

        Assert.Equal("narrative", chat.StepId);
        Assert.Equal(CutPart.Trim() + "\n" + LastPart, StoryOf(chat));
        Assert.Equal(Joined, chat.Replies[0].Text);
        Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.KeepText);

        chat.Press(ChoiceIds.KeepText);

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(CutPart.Trim() + "\n" + LastPart, StoryOf(chat));
    }

    [Fact]
    public void AShortLastPartArrivingAfterBackJoinsTheStoryAndIsNotAskedToBeLonger()
    {
        var chat = AtNarrative().Say(CutPart).Back().Say("И всё.");

        Assert.Equal(CutPart.Trim() + "\nИ всё.", StoryOf(chat));
        Assert.Equal(Joined, chat.Replies[0].Text);
    }

    [Fact]
    public void EveryPartOfAStoryInThreePartsIsKeptWhenBackCameAfterTheFirst()
    {
        var second = "Вторая часть. " + CutPart[..4000];
        var chat = AtNarrative().Say(CutPart).Back().Say(second).Say(LastPart);

        var whole = CutPart.Trim() + "\n" + second + "\n" + LastPart;
        Assert.Equal("narrative", chat.StepId);
        Assert.Equal(new PendingTooLong(whole), chat.State?.Pending);
        Assert.Contains(chat.Question.Choices, c => c.Id == ChoiceIds.KeepStart);
    }

    [Fact]
    public void APartArrivingAfterBackFromHideItJoinsTheStoryWaitingThere()
    {
        var first = ("Врач сказал звонить ему на +7 701 234 56 78. " + CutPart)[..4096];
        var chat = AtNarrative().Say(first);
        Assert.IsType<PendingMask>(chat.State?.Pending);

        chat.Back().Say(LastPart);

        Assert.Equal(first.Trim() + "\n" + LastPart, StoryOf(chat));
        chat.Press(ChoiceIds.KeepText);
        Assert.Equal(first.Trim() + "\n" + LastPart, Assert.IsType<PendingMask>(chat.State?.Pending).Text);
    }

    [Fact]
    public void AOneWordPartArrivingAfterBackFromTicksJoinsTheStory()
    {
        var chat = AtNarrative().Say(CutPart).Press("missed_doses").Back().Say("Вот.");

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(CutPart.Trim() + "\nВот.", StoryOf(chat));
    }

    [Fact]
    public void AfterTheLastPartJoinedAStoryWrittenAgainTakesItsPlace()
    {
        const string Again = "В больнице мне три дня не давали метадон, сказали что у них нет лицензии.";
        var chat = AtNarrative().Say(CutPart).Back().Say(LastPart).Say(Again);

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(Again, StoryOf(chat));
    }

    [Fact]
    public void AShortStoryIsStillWrittenAgainAfterBack()
    {
        const string Again = "В больнице мне три дня не давали метадон, сказали что у них нет лицензии.";
        var chat = AtNarrative().Say(LastPart).Back().Say(Again);

        Assert.Equal("consequences", chat.StepId);
        Assert.Equal(Again, StoryOf(chat));
    }

    [Fact]
    public void APartSentAgainAfterBackIsNotAddedTwice()
    {
        var chat = AtNarrative().Say(CutPart).Back().Say(CutPart);

        Assert.Equal("narrative", chat.StepId);
        Assert.Equal(CutPart.Trim(), StoryOf(chat));
    }
}
