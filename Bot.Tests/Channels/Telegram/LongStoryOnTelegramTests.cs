using System.Globalization;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A story longer than one Telegram message, which the app delivers in parts of 4,096 characters.</summary>
public sealed class LongStoryOnTelegramTests : TelegramScenario
{
    private static string T(string key) => Texts.Get("ru", key);

    /// <summary>About <paramref name="length"/> characters of story, in the parts Telegram sends it as.</summary>
    private static string[] PartsOf(int length)
    {
        var text = string.Concat(Enumerable.Repeat("Медсестра не дала дозу и кричала при всех в коридоре. ", length / 50 + 1))[..length];
        return [.. text.Chunk(4096).Select(part => new string(part).Trim())];
    }

    [Fact]
    public async Task AThirtyThousandCharacterStoryWrittenAtTheFirstQuestionReachesTheStoryQuestionWhole()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(743100);
        var parts = PartsOf(30_000);
        foreach (var part in parts)
        {
            await member.SendsAsync(part);
            await Server.WaitUntilIdleAsync();
        }
        Assert.Equal(parts.Length, member.Replies.Count(reply => reply.Text?.Contains(T("text.kept_for_story"), StringComparison.Ordinal) == true));

        await PressesUpToStoryAsync(member);
        var asked = await Do(member, m => m.PressesAsync(T("text.keep_current")));

        var whole = string.Join("\n", parts).Length.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(Texts.Get("ru", "error.text.too_long", ("length", whole), ("max", "6000")), asked.Text);
        Assert.Contains(Texts.Get("ru", "text.keep_start", ("max", "6000")), asked.ButtonTexts);
    }

    [Fact]
    public async Task ATenThousandCharacterStoryInPartsAtTheStoryQuestionIsJoinedAndTheMemberChoosesWhatToKeepByTypingANumber()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(743101);
        await PressesUpToStoryAsync(member);
        var before = member.Replies.Count;
        var parts = PartsOf(10_000);
        foreach (var part in parts)
        {
            await member.SendsAsync(part);
        }
        await Server.WaitUntilIdleAsync();

        var said = string.Join("\n", member.Replies.Skip(before).Select(reply => reply.Text));
        Assert.DoesNotContain("не сохранил", said, StringComparison.Ordinal);
        var whole = string.Join("\n", parts).Length.ToString(CultureInfo.InvariantCulture);
        var asked = member.LastReply;
        Assert.NotNull(asked);
        Assert.Contains(Texts.Get("ru", "error.text.too_long", ("length", whole), ("max", "6000")), asked.Text, StringComparison.Ordinal);
        Assert.Equal([Texts.Get("ru", "text.keep_start", ("max", "6000")), T("text.retype")], asked.ButtonTexts.Take(2));

        var next = await Do(member, m => m.SendsAsync("1"));

        Assert.Contains(T("consequences.prompt"), next.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoryInPartsOverTheLimitCanBeWrittenAgainShorter()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(743102);
        await PressesUpToStoryAsync(member);
        foreach (var part in PartsOf(10_000))
        {
            await member.SendsAsync(part);
        }
        await Server.WaitUntilIdleAsync();

        var again = await Do(member, m => m.PressesAsync(T("text.retype")));
        Assert.StartsWith(T("narrative.prompt"), again.Text, StringComparison.Ordinal);
        var next = await Do(member, m => m.SendsAsync("Медсестра не дала дозу и кричала при всех в коридоре."));

        Assert.Contains(T("consequences.prompt"), next.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepTheStartPressedUnderAnEarlierLengthWhileMorePartsCameIsAskedAgainAboutTheWholeStory()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(743103);
        await PressesUpToStoryAsync(member);
        var parts = PartsOf(10_000);
        await Do(member, m => m.SendsAsync(parts[0]));
        var earlier = await Do(member, m => m.SendsAsync(parts[1]));
        await Do(member, m => m.SendsAsync(parts[2]));

        var again = await Do(member, m => m.PressesOnEarlierAsync(earlier, Texts.Get("ru", "text.keep_start", ("max", "6000"))));

        var whole = string.Join("\n", parts).Length.ToString(CultureInfo.InvariantCulture);
        Assert.Contains(Texts.Get("ru", "error.text.too_long", ("length", whole), ("max", "6000")), again.Text, StringComparison.Ordinal);
        var next = await Do(member, m => m.PressesAsync(Texts.Get("ru", "text.keep_start", ("max", "6000"))));
        Assert.Contains(T("consequences.prompt"), next.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePartOfAStoryArrivingAfterBackWasPressedJoinsTheStoryAndNothingTakesItsPlace()
    {
        await using var bot = await StartBotAsync();
        var member = await MemberAtCategoryAsync(743104);
        await PressesUpToStoryAsync(member);
        var first = PartsOf(4_096)[0];
        const string Last = "Потом меня выписали без дозы, и я два дня искал, где её получить.";
        await Do(member, m => m.SendsAsync(first));
        await Do(member, m => m.PressesAsync(T("nav.back")));

        var joined = await Do(member, m => m.SendsAsync(Last));

        Assert.StartsWith(T("text.joined_after_back"), joined.Text, StringComparison.Ordinal);
        Assert.Contains(T("narrative.prompt"), joined.Text, StringComparison.Ordinal);
        Assert.Contains(T("text.keep_current"), joined.ButtonTexts);

        var next = await Do(member, m => m.PressesAsync(T("text.keep_current")));

        Assert.Contains(T("consequences.prompt"), next.Text, StringComparison.Ordinal);
    }
}
