using System.Collections.Immutable;
using CommunityBot.Channels.Telegram.Moderation;
using CommunityBot.Conversations;
using CommunityBot.Letters;
using CommunityBot.Moderation;
using CommunityBot.Privacy;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram.Letters;

/// <summary>The people who draft letters in Telegram: who may draft where, the pseudonym a letter session and the
/// remembered answers are kept under, and the language their letter is drafted in.</summary>
internal sealed class LetterAuthors(
    ModeratorAccess access,
    Communities communities,
    MemberLanguages languages,
    Pseudonyms pseudonyms,
    LetterWriter writer,
    LetterDefaults defaults,
    TextCatalog texts)
{
    /// <summary>In the moderators' group a moderator; in a private chat a moderator or an activist.</summary>
    public async Task<bool> MayDraftAsync(long userId, Chat chat, CancellationToken cancellationToken) =>
        communities.IsModerators(chat.Id) ? await access.IsModeratorAsync(userId, cancellationToken)
        : chat.Type == ChatType.Private && await access.IsModeratorOrActivistAsync(userId, cancellationToken);

    /// <summary>The pseudonym the person's letter session and remembered answers are kept under.</summary>
    public string PersonOf(long userId) => pseudonyms.OfModerator(userId);

    /// <summary>The moderators' language in a group; in private the person's own, when there are templates in it.</summary>
    public string LanguageOf(User user, Chat? chat)
    {
        if (chat?.Type != ChatType.Private)
        {
            return texts.DefaultLanguage;
        }
        var language = languages.For(pseudonyms.Of(PseudonymPurpose.Counters, MemberKey.Telegram(user.Id).Raw), user.LanguageCode);
        return writer.Templates(language).IsEmpty ? texts.DefaultLanguage : language;
    }

    /// <summary>The answers the person gave in their last letter, offered again.</summary>
    public Task<ImmutableDictionary<string, string>> RecallAsync(string person) => defaults.RecallAsync(person);

    /// <summary>Keeps the answers of a letter sent, encrypted, as the person's defaults.</summary>
    public Task RememberAsync(string person, IReadOnlyDictionary<string, string> answers) => defaults.RememberAsync(person, answers);
}
