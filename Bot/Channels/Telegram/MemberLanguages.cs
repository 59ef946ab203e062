using CommunityBot.Conversations;
using CommunityBot.Privacy;
using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>The language each member chose with /language, by pseudonym and in memory only (forgotten after a day
/// unused, like a draft); otherwise the language their Telegram app reports, when the bot speaks it.</summary>
internal sealed class MemberLanguages(TextCatalog texts, Pseudonyms pseudonyms, TimeProvider time) : IDisposable
{
    private const int Remembered = 100_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private readonly FadingMemory<string, string> _chosen = new(time, Lifetime, Remembered, StringComparer.Ordinal);

    public string For(string pseudonym, string? appLanguage)
    {
        if (_chosen.TryGet(pseudonym, out var chosen))
        {
            return chosen;
        }
        var code = appLanguage?.Split('-')[0].ToLowerInvariant();
        return code is not null && texts.Has(code) ? code : texts.DefaultLanguage;
    }

    public string For(User user) => For(MemberKey.Telegram(user.Id), user.LanguageCode);

    public string For(MemberKey member, string? appLanguage) => For(KeyOf(member), appLanguage);

    public void Choose(string pseudonym, string language) => _chosen.Set(pseudonym, language);

    public void Choose(MemberKey member, string language) => Choose(KeyOf(member), language);

    /// <summary>The member asked to be forgotten.</summary>
    public void Forget(string pseudonym) => _chosen.Remove(pseudonym);

    public void Forget(MemberKey member) => Forget(KeyOf(member));

    /// <summary>Memory only, so the fixed key of in-memory counters serves.</summary>
    private string KeyOf(MemberKey member) => pseudonyms.Of(PseudonymPurpose.Counters, member.Raw);

    public void Dispose() => _chosen.Dispose();
}
