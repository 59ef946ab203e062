using Telegram.Bot.Types;

namespace CommunityBot.Channels.Telegram;

/// <summary>In a group with topics (a forum), an answer belongs in the topic its question was asked in: sent without
/// a topic it would land in General, where the person who asked may never look.</summary>
internal static class ForumTopic
{
    /// <summary>The topic <paramref name="message"/> was written in; null in General and in groups without topics, where
    /// Telegram takes no topic (a message_thread_id there names a reply thread, and posting to it is refused).</summary>
    public static int? Of(Message message) => message.IsTopicMessage ? message.MessageThreadId : null;
}
