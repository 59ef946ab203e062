using CommunityBot.Conversations;

namespace CommunityBot.Channels;

/// <summary>The word that a photo or file is not kept, said over the answer to what the member sent with it, the same
/// in every channel: one message gets one notice.</summary>
internal static class MediaNotice
{
    public const string Key = "tg.media_not_kept";

    /// <summary>The answer to the words sent with a photo or file, under the word that the file is not kept. When those
    /// words have a notice of their own (not understood as the answer, too short, a story kept), both are said in one
    /// paragraph, and the question follows it.</summary>
    public static IntakeReply Above(IntakeReply reply, TextCatalog texts)
    {
        var media = texts.Get(reply.Language, Key);
        return reply with
        {
            Prompts = reply.Prompts is [{ Kind: PromptKind.Notice } first, .. var rest]
                ? [Prompt.Notice(media + " " + first.Text), .. rest]
                : [Prompt.Notice(media), .. reply.Prompts],
        };
    }
}
