namespace CommunityBot.Tests.Support;

/// <summary>Standard input as a member at a terminal gives it: the lines they typed, then nothing, for as long as they
/// sit and think (a blocking read that neither ends nor answers a cancellation, as the console's own does).</summary>
internal sealed class WaitingKeyboard(params string[] lines) : TextReader
{
    private readonly Queue<string> _lines = new(lines);
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();

    /// <summary>Completes once every line was read and the reader waits for more.</summary>
    public Task Waiting => _waiting.Task;

    public override string? ReadLine()
    {
        if (_lines.TryDequeue(out var line))
        {
            return line;
        }
        _waiting.TrySetResult();
        _released.Wait();
        return null;
    }

    protected override void Dispose(bool disposing)
    {
        // The member's session is over: a read still waiting ends as the input would.
        _released.Set();
        base.Dispose(disposing);
    }
}
