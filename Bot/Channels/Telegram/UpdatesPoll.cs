using System.Buffers;
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

    /// <param name="known">Whether an update id is one the poller has in hand or has handled: those are not read.</param>
    public async Task<PolledUpdates> GetAsync(GetUpdatesRequest request, Func<int, bool> known, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _address) { Content = request.ToHttpContent() };
        using var response = await SendAsync(message, cancellationToken);
        var (buffer, length) = await ReadAsync(response.Content, cancellationToken);
        try
        {
            var answer = buffer.AsSpan(0, length);
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
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>As the library sends: a timeout or a failed connection becomes a <see cref="RequestException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await api.Http.SendAsync(message, cancellationToken);
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

    /// <summary>The answer's bytes in a pooled buffer (a poll under load is tens of kilobytes: a fresh array each time
    /// would go to the large object heap).</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(content.Headers.ContentLength ?? 0, 4096, int.MaxValue - 1) + 1);
        var length = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return (buffer, length);
                }
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
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
