using System.Text;
using CommunityBot.Channels.Telegram;
using CommunityBot.Conversations;
using CsCheck;

namespace CommunityBot.Tests.Channels.Telegram;

/// <summary>A question's fingerprint is in the callback data of every button already in members' chats: it must stay
/// what it was, or every open question's buttons would turn stale at an upgrade.</summary>
public sealed class PromptFingerprintTests
{
    // Any UTF-16 unit at all, lone surrogates included, and the letters and emoji members use; long enough to be
    // encoded in several chunks, a surrogate pair or a lone one falling where a chunk ends.
    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.Char[char.MinValue, char.MaxValue].Array[0, 400].Select(chars => new string(chars)),
        Gen.String[Gen.Char["абвгдеёжзийклмнопрстуфхцчшщъыьэюяҚқӘәҮүҰұ \"\\\n💊✅▫️\uD83D"], 0, 400]);

    [Fact]
    public void AKnownQuestionKeepsItsFingerprint()
    {
        var question = new Prompt("Что случилось?", [new PromptChoice("hospital", "Больница"), new PromptChoice("police", "Полиция")],
            PromptKind.SingleChoice, CanGoBack: true, CanCancel: true);

        Assert.Equal("c38aa306", PromptRenderer.Fingerprint(question));
    }

    [Theory]
    [InlineData(127, "💊")]
    [InlineData(127, "\uD83D")]
    [InlineData(128, "\uDC8A")]
    [InlineData(300, "💊💊")]
    public void ATextLongerThanOneChunkKeepsItsFingerprint(int letters, string after)
    {
        var question = new Prompt(new string('ж', letters) + after + "конец", [], PromptKind.Text, true, true);

        Assert.Equal(AsBefore(question), PromptRenderer.Fingerprint(question));
    }

    [Fact]
    public void TheFingerprintIsTheHashOfTheUtf8BytesForAnyText() =>
        Gen.Select(AnyText, AnyText.Array[0, 5]).Sample((text, ids) =>
        {
            var question = new Prompt(text, [.. ids.Select(id => new PromptChoice(id, id))], PromptKind.MultipleChoice, true, true);
            return PromptRenderer.Fingerprint(question) == AsBefore(question);
        });

    /// <summary>The fingerprint as it was first written: FNV-1a over each value's bytes from Encoding.UTF8.</summary>
    private static string AsBefore(Prompt prompt)
    {
        var hash = 2166136261u;
        void Add(string value)
        {
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                hash = (hash ^ b) * 16777619u;
            }
            hash = (hash ^ 0xFF) * 16777619u;
        }
        Add(prompt.Kind.ToString());
        Add(prompt.Text);
        foreach (var choice in prompt.Choices)
        {
            Add(choice.Id);
        }
        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
