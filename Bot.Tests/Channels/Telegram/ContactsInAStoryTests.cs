using CommunityBot.Conversations;
using CommunityBot.Tests.Support;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>Phone numbers typed into a story the way members type them never reach the moderators once the member hides
/// them: not in the card, not in the stored report, not in an export.</summary>
public sealed class ContactsInAStoryTests : TelegramScenario
{
    private const string FirstPart = "В наркологии врач сказал звонить ему на 8.701.555.12.34, иначе дозу не даст.";
    private const string SecondPart = "А медсестра дала свой номер тел87025557788 и сказала никому не говорить.";

    [Fact]
    public async Task PhoneNumbersWithDotsOrGluedToAWordInAStoryOfTwoMessagesAreHiddenEverywhereModeratorsLook()
    {
        await using var bot = await StartBotAsync();
        var moderators = Moderators();
        var aigul = Moderator(731801);
        var member = await MemberAtCategoryAsync(731800);
        await PressesUpToStoryAsync(member);

        await Do(member, m => m.SendsAsync(FirstPart));
        // The second message arrives at "Hide it?": it joins the story, and its number is asked about with the first.
        await member.SendsAsync(SecondPart);
        var asked = await member.WaitForReplyAsync(m => m.Text?.Contains(T("ru", "mask.found")[..15], StringComparison.Ordinal) == true);
        Assert.Contains("8.701.555.12.34", asked.Text);
        Assert.Contains("87025557788", asked.Text);
        await member.PressesAsync(T("ru", "mask.mask"));
        await member.WaitForReplyAsync(m => m.Text?.StartsWith(T("ru", "consequences.prompt")[..15], StringComparison.Ordinal) == true);
        await Do(member, m => m.SendsAsync("10"));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.yes")));
        await Do(member, m => m.PressesAsync(T("ru", "yesno.no")));
        var receipt = await Do(member, m => m.PressesAsync(T("ru", "nav.submit")));

        var label = Scripts.Label().Match(receipt.Text ?? "").Value;
        var code = Scripts.ReceiptCode().Match(receipt.Text ?? "").Value;
        var card = await moderators.WaitForReplyAsync(m => m.Text?.StartsWith(label, StringComparison.Ordinal) == true);
        var stored = Assert.IsType<TextAnswer>((await bot.Reports.FindByReceiptAsync(code))?.Answers["narrative"]).Text;
        await moderators.MemberSaysAsync(aigul, "/export csv");
        await EventuallyAsync(() => Server.Calls("sendDocument").Count > 0, "no export was sent");
        var csv = System.Text.Encoding.UTF8.GetString(Server.Calls("sendDocument")[0].Files.Single().Bytes.AsSpan());

        foreach (var seen in new[] { card.Text ?? "", stored, csv })
        {
            Assert.Contains("никому не говорить", seen);
            Assert.DoesNotContain("555", seen);
            Assert.DoesNotContain("7788", seen);
            Assert.Contains(T("ru", "mask.placeholder.phone"), seen);
        }
    }
}
