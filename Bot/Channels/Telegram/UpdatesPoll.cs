using System.Net;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;

namespace CommunityBot.Channels.Telegram;

/// <summary>
/// <c>getUpdates</c> as the poller calls it: the library's request body, sent through the bot's own HTTP client, and an
/// answer read by <see cref="PolledUpdates"/>, which skips the updates the poller already has instead of building each
/// again. The library's <c>SendRequest</c> reads every answer into the objects of its type, with no way to tell it what
/// is known for one call, so the call is made here; what it gives the caller is the library's: a refusal (429 with
/// <c>retry_after</c>, 409, 401, …) is an <see cref="ApiRequestException"/> made by the client's own
/// <see cref="ITelegramBotClient.ExceptionsParser"/>, a call that fails or outlasts the client's timeout a
/// <see cref="RequestException"/>, and a cancelled one an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class UpdatesPoll(BotApiConnection api, ITelegramBotClient bot)
{
    private readonly Uri _address = api.MethodAddress("getUpdates");

    // The answers' bytes. One poll at a time (the poller's loop, then its last confirmation), so one buffer, grown to the
    // largest answer: buffers rented from the shared pool stayed behind in each thread's cache, some megabytes in all.
    private byte[] _buffer = new byte[16 * 1024];

    /// <param name="known">Whether an update id is one the poller has in hand or has handled: those are not read.</param>
    public async Task<PolledUpdates> GetAsync(GetUpdatesRequest request, Func<int, bool> known, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _address) { Content = request.ToHttpContent() };
        // The answer is read straight into the poller's buffer: asked for whole, the client would first copy it into a
        // buffer of its own, grown as it comes, for every poll.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(api.Http.Timeout);
        using var response = await SendAsync(message, timeout.Token, cancellationToken);
        int length;
        try
        {
            length = await ReadAsync(response.Content, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestException("Request timed out", HttpStatusCode.RequestTimeout, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RequestException("Exception during making request", ex);
        }
        catch (IOException ex)
        {
            throw new RequestException("Exception during making request", ex);
        }
        var answer = _buffer.AsSpan(0, length);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Refusal(answer, response.StatusCode);
        }
        try
        {
            return PolledUpdates.Read(answer, known);
        }
        catch (JsonException ex)
        {
            throw new RequestException("The answer to getUpdates could not be read", response.StatusCode, ex);
        }
    }

    /// <summary>As the library sends: a timeout or a failed connection becomes a <see cref="RequestException"/>.</summary>
    /// <param name="timeout">The caller's token, also cancelled once the client's timeout has passed (the client's own
    /// timeout covers only the wait for the answer's headers).</param>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await api.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestException("Request timed out", HttpStatusCode.RequestTimeout, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RequestException("Exception during making request", ex);
        }
    }

    /// <summary>Reads the answer into <see cref="_buffer"/>, growing it when the answer is longer.</summary>
    /// <returns>The answer's length.</returns>
    private async Task<int> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } announced && announced >= _buffer.Length)
        {
            _buffer = new byte[(int)Math.Min(announced + 1, Array.MaxLength)];
        }
        var length = 0;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            }
            var read = await stream.ReadAsync(_buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return length;
            }
            length += read;
        }
    }

    /// <summary>Telegram's error, parsed as the library parses it; an answer that is no such error (a proxy's page) says
    /// only its status.</summary>
    private Exception Refusal(ReadOnlySpan<byte> answer, HttpStatusCode status)
    {
        try
        {
            if (JsonSerializer.Deserialize<ApiResponse>(answer, JsonBotAPI.Options) is { ErrorCode: not 0, Description: not null } refusal)
            {
                return bot.ExceptionsParser.Parse(refusal);
            }
        }
        catch (JsonException)
        {
        }
        return new RequestException("getUpdates was refused without an error from the Bot API", status);
    }
}
