using CommunityBot.Channels.Telegram.Groups;
using CommunityBot.Privacy;
using CommunityBot.Storage;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// Sends each update where it belongs, once: it is read once (<see cref="ParsedUpdate"/>), then button presses go by
/// their prefix, messages by their chat (a private chat, the moderators' group, any other group). An update seen before
/// (redelivered after a crash) changes nothing (<see cref="RedeliveredUpdates"/>); one that fails is logged by its kind,
/// the member gets an apology in their language, and what was stored stays as it was, because every change is written
/// in one transaction together with the update's marker.
/// </summary>
internal sealed partial class UpdateRouter(
    ButtonPresses presses,
    PrivateMessages privateMessages,
    ModeratorsGroup moderatorsGroup,
    GroupChat groups,
    Communities communities,
    RedeliveredUpdates redelivered,
    ActivityCounts counts,
    ILogger<UpdateRouter> log)
{
    /// <summary>The chat an update belongs to: updates of one chat are handled in order, chats side by side.</summary>
    public static long ChatOf(Update update) => update switch
    {
        { Message: { } m } => m.Chat.Id,
        { EditedMessage: { } m } => m.Chat.Id,
        { CallbackQuery: { } q } => q.Message?.Chat.Id ?? q.From.Id,
        { MyChatMember: { } c } => c.Chat.Id,
        { ChatMember: { } c } => c.Chat.Id,
        _ => 0,
    };

    /// <summary>Whether the update was handled before (its marker is stored): delivered again after a restart. Asked
    /// by the poller and the webhook outside any update's handling; a store that failed answers "maybe", so the update is
    /// taken rather than dropped with a flood, and its handling leaves it unconfirmed to come again.</summary>
    public async ValueTask<bool> HandledBeforeAsync(Update update)
    {
        try
        {
            return await redelivered.HandledBeforeAsync(update);
        }
        catch (StorageFailedException)
        {
            return true;
        }
    }

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            var (marker, seen) = await redelivered.CheckAsync(update, cancellationToken);
            if (seen)
            {
                return;
            }
            var context = new UpdateContext(ParsedUpdate.Of(update, communities), marker);
            await DispatchAsync(update, context, cancellationToken);
            if (!context.MarkerStored)
            {
                // Nothing stored carried the marker (a /help, a group message): store it on its own.
                await redelivered.MarkAsync(marker);
            }
        }
#pragma warning disable CA1031 // The one catch-all per update: nothing may stop the service but a disk that cannot be written.
        catch (Exception ex) when (ex is not StorageFailedException)
#pragma warning restore CA1031
        {
            Failed(ex, update);
            await ApologiseAsync(update, cancellationToken);
        }
    }

    private Task DispatchAsync(Update update, UpdateContext context, CancellationToken cancellationToken) =>
        (update, context.Parsed.Chat) switch
        {
            ({ CallbackQuery: { } q }, _) => presses.OnPressAsync(q, context, cancellationToken),
            ({ Message: { } m }, ChatKind.Private) => privateMessages.OnMessageAsync(m, context, cancellationToken),
            ({ Message: { } m }, ChatKind.Moderators) => moderatorsGroup.OnMessageAsync(m, context, cancellationToken),
            ({ Message: { } m }, _) => groups.OnMessageAsync(m, context.Parsed.Command, cancellationToken),
            ({ EditedMessage: { } m }, ChatKind.Private) => privateMessages.OnEditedAsync(m, context, cancellationToken),
            ({ EditedMessage: { } m }, ChatKind.Group) => groups.OnEditedAsync(m, cancellationToken),
            ({ EditedMessage: { } m }, ChatKind.Moderators) => moderatorsGroup.OnEditedAsync(m, context, cancellationToken),
            ({ ChatMember: { } change }, ChatKind.Moderators or ChatKind.Activists) => Forget(change),
            ({ MyChatMember: { } c }, _) => groups.OnMyChatMemberAsync(c, cancellationToken),
            ({ Type: UpdateType.Unknown }, _) => Unreadable(),
            _ => Task.CompletedTask,
        };

    /// <summary>An update the poller could not read (<see cref="PolledUpdates.Unreadable"/>), or of a kind this program
    /// does not know: confirmed unanswered, and counted with the periodic counts rather than logged at its moment.</summary>
    private Task Unreadable()
    {
        counts.Add(Activity.UpdatesFailed, "unreadable");
        return Task.CompletedTask;
    }

    private Task Forget(ChatMemberUpdated change)
    {
        moderatorsGroup.OnMemberChanged(change);
        return Task.CompletedTask;
    }

    private async Task ApologiseAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            await privateMessages.ApologiseAsync(update, cancellationToken);
        }
#pragma warning disable CA1031 // An apology that cannot be sent is not worth a second failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(ex, update);
        }
    }

    /// <summary>The exception and the kind of update, never its id: an update id with the log's time points at a member.</summary>
    private void Failed(Exception exception, Update update)
    {
        counts.Add(Activity.UpdatesFailed);
        LogFailed(log, exception, update.Type);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling an update ({Kind}) failed; the member was sent an apology")]
    private static partial void LogFailed(ILogger logger, Exception exception, UpdateType kind);
}
