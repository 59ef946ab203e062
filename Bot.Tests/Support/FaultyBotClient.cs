using Telegram.Bot;
using Telegram.Bot.Args;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;

namespace CommunityBot.Tests.Support;

/// <summary>The real client, except that the next request <see cref="Arm"/> names throws an exception no layer of the
/// bot expects (as a bug would): for the one fault the fake Bot API cannot answer with, a failure inside the bot itself.
/// And the answer to the next request <see cref="HoldNextAnswer"/> names reaches the bot only once released, as when
/// Telegram's answer is slow on its way back: Telegram has done what was asked, the bot does not know it yet.</summary>
internal sealed class FaultyBotClient(ITelegramBotClient inner) : ITelegramBotClient
{
    private Func<object, bool>? _armed;
    private Func<object, bool>? _holding;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool LocalBotServer => inner.LocalBotServer;

    public long BotId => inner.BotId;

    public TimeSpan Timeout
    {
        get => inner.Timeout;
        set => inner.Timeout = value;
    }

    public IExceptionParser ExceptionsParser
    {
        get => inner.ExceptionsParser;
        set => inner.ExceptionsParser = value;
    }

    public event AsyncEventHandler<ApiRequestEventArgs>? OnMakingApiRequest
    {
        add => inner.OnMakingApiRequest += value;
        remove => inner.OnMakingApiRequest -= value;
    }

    public event AsyncEventHandler<ApiResponseEventArgs>? OnApiResponseReceived
    {
        add => inner.OnApiResponseReceived += value;
        remove => inner.OnApiResponseReceived -= value;
    }

    /// <summary>The next request that <paramref name="matches"/> throws, once.</summary>
    public void Arm(Func<object, bool> matches) => Volatile.Write(ref _armed, matches);

    /// <summary>The next request that <paramref name="matches"/> is sent at once; its answer waits for
    /// <see cref="ReleaseAnswer"/> (one hold per client).</summary>
    public void HoldNextAnswer(Func<object, bool> matches) => Volatile.Write(ref _holding, matches);

    public void ReleaseAnswer() => _released.TrySetResult();

    public Task<TResponse> SendRequest<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        var armed = Volatile.Read(ref _armed);
        if (armed is not null && armed(request) && Interlocked.CompareExchange(ref _armed, null, armed) == armed)
        {
            throw new InvalidOperationException("A fault injected by the test.");
        }
        var holding = Volatile.Read(ref _holding);
        if (holding is not null && holding(request) && Interlocked.CompareExchange(ref _holding, null, holding) == holding)
        {
            return AnsweredLateAsync(inner.SendRequest(request, cancellationToken), _released.Task);
        }
        return inner.SendRequest(request, cancellationToken);
    }

    private static async Task<TResponse> AnsweredLateAsync<TResponse>(Task<TResponse> answer, Task released)
    {
        var answered = await answer;
        await released;
        return answered;
    }

    public Task<bool> TestApi(CancellationToken cancellationToken = default) => inner.TestApi(cancellationToken);

    public Task DownloadFile(string filePath, Stream destination, CancellationToken cancellationToken = default) =>
        inner.DownloadFile(filePath, destination, cancellationToken);

    public Task DownloadFile(TGFile file, Stream destination, CancellationToken cancellationToken = default) =>
        inner.DownloadFile(file, destination, cancellationToken);
}
