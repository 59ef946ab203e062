namespace CommunityBot.Channels.Telegram.Moderation;

/// <summary>
/// The bot's posts to the moderators' group that go out beside the group's own updates (a new card, what a member
/// added). Telegram shows such a message to the moderators as soon as it takes it, but the bot keeps the message's id
/// only once Telegram's answer is back: a reply read in that moment names a message not kept yet. It is read once the
/// posts under way then have ended.
/// </summary>
internal sealed class PostsUnderWay
{
    private readonly HashSet<TaskCompletionSource> _posts = [];

    /// <summary>A post under way until the returned scope is disposed, after what Telegram answered was kept (or the
    /// post failed).</summary>
    public Post Begin()
    {
        var post = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_posts)
        {
            _posts.Add(post);
        }
        return new Post(this, post);
    }

    /// <summary>Ends once every post under way now has ended (none begun later is waited for); null when none is.</summary>
    public Task? WhenEnded(CancellationToken cancellationToken)
    {
        lock (_posts)
        {
            return _posts.Count == 0 ? null : Task.WhenAll(_posts.Select(p => p.Task)).WaitAsync(cancellationToken);
        }
    }

    private void End(TaskCompletionSource post)
    {
        lock (_posts)
        {
            _posts.Remove(post);
        }
        post.TrySetResult();
    }

    public sealed class Post(PostsUnderWay owner, TaskCompletionSource post) : IDisposable
    {
        public void Dispose() => owner.End(post);
    }
}
