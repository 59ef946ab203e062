using System.Collections.Concurrent;
using CommunityBot.Conversations;

namespace CommunityBot.Channels.Telegram;

/// <summary>The language each member chose with /language, by pseudonym and in memory only; otherwise the language
/// their Telegram app reports, when the bot speaks it.</summary>
internal sealed class MemberLanguages(TextCatalog texts)
{
    private const int Remembered = 100_000;
    private readonly ConcurrentDictionary<string, string> _chosen = new(StringComparer.Ordinal);

    public string For(string pseudonym, string? appLanguage)
    {
        if (_chosen.TryGetValue(pseudonym, out var chosen))
        {
            return chosen;
        }
        var code = appLanguage?.Split('-')[0].ToLowerInvariant();
        return code is not null && texts.Has(code) ? code : texts.DefaultLanguage;
    }

    public void Choose(string pseudonym, string language)
    {
        if (_chosen.Count >= Remembered)
        {
            _chosen.Clear();
        }
        _chosen[pseudonym] = language;
    }
}
