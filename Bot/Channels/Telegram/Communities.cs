using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CommunityBot.Channels.Telegram;

/// <summary>The configured community groups, looked up by chat id or link token. A group that becomes a supergroup
/// changes its chat id; the new id is followed at run time (and logged, so the operator can update the settings).</summary>
internal sealed class Communities(IOptions<TelegramOptions> options)
{
    private readonly ConcurrentDictionary<long, CommunityGroupOptions> _byChat =
        new(options.Value.Communities.ToDictionary(c => c.ChatId));

    public long? ModeratorsChatId { get; private set; } = options.Value.ModeratorsChatId;

    /// <summary>The activists' group, whose members may draft letters in private; none when not configured.</summary>
    public long? ActivistsChatId { get; private set; } = options.Value.ActivistsChatId;

    /// <summary>The keys recorded on reports from the configured communities.</summary>
    public IEnumerable<string> Keys => _byChat.Values.Select(c => c.Key);

    public CommunityGroupOptions? ByChat(long chatId) => _byChat.GetValueOrDefault(chatId);

    /// <summary>The community whose link token this is: as the link carries it, or else as a member typed it by hand
    /// (a capital the phone put in, the whole in capitals), when only one community's token reads so.</summary>
    public CommunityGroupOptions? ByLinkToken(string token)
    {
        if (_byChat.Values.FirstOrDefault(c => string.Equals(c.LinkToken, token, StringComparison.Ordinal)) is { } exact)
        {
            return exact;
        }
        var typed = _byChat.Values.Where(c => string.Equals(c.LinkToken, token, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return typed.Count == 1 ? typed[0] : null;
    }

    public bool IsModerators(long chatId) => ModeratorsChatId == chatId;

    public bool IsActivists(long chatId) => ActivistsChatId == chatId;

    private readonly ConcurrentDictionary<long, long> _movedTo = new();

    /// <summary>Where a chat is now: the supergroup it became, once this process has seen it move; else itself.</summary>
    public long Current(long chatId) => _movedTo.GetValueOrDefault(chatId, chatId);

    /// <returns>True when the old id was one of ours.</returns>
    public bool Migrate(long oldChatId, long newChatId)
    {
        _movedTo[oldChatId] = newChatId;
        if (ModeratorsChatId == oldChatId)
        {
            ModeratorsChatId = newChatId;
            return true;
        }
        if (ActivistsChatId == oldChatId)
        {
            ActivistsChatId = newChatId;
            return true;
        }
        if (_byChat.TryRemove(oldChatId, out var community))
        {
            community.ChatId = newChatId;
            _byChat[newChatId] = community;
            return true;
        }
        return false;
    }
}
