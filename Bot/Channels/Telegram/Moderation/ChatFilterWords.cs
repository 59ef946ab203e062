using CommunityBot.Conversations;
using CommunityBot.Moderation;

namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>The filter words moderators type after <c>/stats</c> and <c>/export</c>, read against the flow's
/// categories, the configured communities and today in the community's calendar.</summary>
internal sealed class ChatFilterWords(FlowBundle flow, Communities communities, CalendarSettings calendar, TimeProvider time, TextCatalog texts)
{
    public DateOnly Today => calendar.Today(time.GetUtcNow());

    public FilterVocabulary Vocabulary => FilterVocabulary.Of(flow, communities.Keys, texts);
}
