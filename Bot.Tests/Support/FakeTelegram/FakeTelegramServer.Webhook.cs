using System.Text;
using System.Text.Json.Nodes;
using Telegram.Bot.Types;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>One post of an update to the bot's webhook and how the bot answered (0: no answer in time, or none at all).</summary>
internal sealed record WebhookPost(int UpdateId, int Status, bool WithSecret);

/// <summary>
/// The webhook, as Telegram runs it: once the bot has called <c>setWebhook</c>, every update is POSTed to its URL with
/// the <c>X-Telegram-Bot-Api-Secret-Token</c> header, up to <c>max_connections</c> at once, and posted again after a
/// pause until the bot answers 2xx (a timeout or an error answer counts as a failure, shown by <c>getWebhookInfo</c>'s
/// <c>last_error_date</c>). A 2xx answer whose body is a JSON object with a <c>method</c> has that method run, as the Bot
/// API does ("making requests when getting updates"), with nothing said back about it: recorded as a call
/// (<see cref="ApiCall.InWebhookAnswer"/>), a refusal only noted. <c>getUpdates</c> is refused with 409 while a webhook is set; <c>deleteWebhook</c> stops the
/// posts and leaves what was not delivered for <c>getUpdates</c>.
/// </summary>
internal sealed partial class FakeTelegramServer
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Telegram waits far longer between attempts; the tests need not.</summary>
    private static readonly TimeSpan PostAgainAfter = TimeSpan.FromMilliseconds(200);

    private readonly HashSet<FeedEntry> postsInFlight = [];
    private readonly Dictionary<FeedEntry, TimeSpan> postAgainAt = [];
    private readonly List<WebhookPost> webhookPosts = [];
    private CancellationTokenSource? delivering;
    private string webhookSecret = "";
    private int webhookMaxConnections = 40;
    private DateTime? lastWebhookError;
    private string? lastWebhookErrorMessage;

    /// <summary>How long a post waits for the bot's answer before it counts as failed and is made again.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The secret token the bot gave with setWebhook ("" when none).</summary>
    public string WebhookSecret
    {
        get
        {
            lock (gate)
            {
                return webhookSecret;
            }
        }
    }

    /// <summary>Every post made to the webhook, in the order the answers came.</summary>
    public IReadOnlyList<WebhookPost> WebhookPosts
    {
        get
        {
            lock (gate)
            {
                return [.. webhookPosts];
            }
        }
    }

    /// <summary>Posts made and not yet answered.</summary>
    public int PostsInFlight
    {
        get
        {
            lock (gate)
            {
                return postsInFlight.Count;
            }
        }
    }

    /// <summary>Someone else (another process with the same token, an operator with curl) deletes the webhook.</summary>
    public void DeleteWebhookElsewhere()
    {
        lock (gate)
        {
            webhookUrl = "";
            StopDelivering();
        }
    }

    private JsonNode? WebhookInfo()
    {
        var info = ToJson(new WebhookInfo
        {
            Url = webhookUrl,
            PendingUpdateCount = UndeliveredCount(),
            LastErrorDate = lastWebhookError,
            LastErrorMessage = lastWebhookErrorMessage,
        }) ?? new JsonObject();
        if (webhookUrl.Length > 0)
        {
            info["max_connections"] = webhookMaxConnections;
        }
        return info;
    }

    /// <summary>Called under the gate by setWebhook.</summary>
    private void StartDelivering(ApiArguments arguments)
    {
        webhookSecret = arguments.String("secret_token") ?? "";
        webhookMaxConnections = Math.Clamp(arguments.Int("max_connections") ?? 40, 1, 100);
        if (arguments.As<string[]>("allowed_updates") is { } allowed)
        {
            allowedUpdates = [.. allowed];
        }
        if (webhookUrl.Length > 0 && delivering is null)
        {
            delivering = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var token = delivering.Token;
            _ = Task.Run(() => DeliverAsync(token), token);
        }
    }

    /// <summary>Called under the gate by deleteWebhook.</summary>
    private void StopDelivering()
    {
        // Cancelled beside the gate: the posts' own ends take it.
        _ = delivering?.CancelAsync();
        delivering = null;
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var posting = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Task next;
                List<FeedEntry> ready;
                string url;
                string secret;
                TimeSpan wait;
                lock (gate)
                {
                    next = changed.Task;
                    var now = clock.Elapsed;
                    ready = [.. feed.Where(e => !e.Delivered && Allowed(e) && !postsInFlight.Contains(e)
                            && (!postAgainAt.TryGetValue(e, out var at) || at <= now))
                        .Take(Math.Max(0, webhookMaxConnections - postsInFlight.Count))];
                    postsInFlight.UnionWith(ready);
                    (url, secret) = (webhookUrl, webhookSecret);
                    var later = postAgainAt.Values.Where(at => at > now).DefaultIfEmpty(now + TimeSpan.FromSeconds(1)).Min();
                    wait = later - now;
                }
                posting.RemoveAll(t => t.IsCompleted);
                posting.AddRange(ready.Select(entry => PostAsync(http, entry, url, secret, cancellationToken)));
                await Task.WhenAny(next, Task.Delay(wait, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The webhook was deleted, or the server stops.
        }
        finally
        {
            await Task.WhenAll(posting);
        }
    }

    private async Task PostAsync(HttpClient http, FeedEntry entry, string url, string secret, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            deliveries[entry.UpdateId] = deliveries.GetValueOrDefault(entry.UpdateId) + 1;
            lastActivity = clock.Elapsed;
        }
        var status = 0;
        string error;
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(WebhookTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(entry.Json.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            if (secret.Length > 0)
            {
                request.Headers.Add(SecretHeader, secret);
            }
            using var response = await http.SendAsync(request, patience.Token);
            status = (int)response.StatusCode;
            error = $"Wrong response from the webhook: {status} {response.ReasonPhrase}";
            if (status is >= 200 and < 300)
            {
                RunAnswerMethod(await response.Content.ReadAsByteArrayAsync(patience.Token));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = "Read timeout expired";
        }
        catch (HttpRequestException)
        {
            error = "Connection refused";
        }
        catch (OperationCanceledException)
        {
            lock (gate)
            {
                postsInFlight.Remove(entry);
            }
            return;
        }
        lock (gate)
        {
            postsInFlight.Remove(entry);
            webhookPosts.Add(new WebhookPost(entry.UpdateId, status, secret.Length > 0));
            if (status is >= 200 and < 300)
            {
                entry.Delivered = true;
                feed.Remove(entry);
                postAgainAt.Remove(entry);
            }
            else
            {
                redeliveries++;
                lastWebhookError = Now();
                lastWebhookErrorMessage = error;
                postAgainAt[entry] = clock.Elapsed + PostAgainAfter;
            }
            lastActivity = clock.Elapsed;
            Changed();
        }
    }

    /// <summary>The method given in a webhook post's 2xx answer, run as Telegram runs it: its result goes nowhere, and
    /// a method Telegram would not run from there (or no JSON object at all) is left alone, as Telegram leaves it.</summary>
    private void RunAnswerMethod(byte[] body)
    {
        if (body.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return;
        }
        ApiRequest request;
        try
        {
            request = ApiRequest.ParseObject(body);
        }
        catch (BotApiException)
        {
            webhookAnswersRefused++;
            return;
        }
        using (request)
        {
            var method = request.Arguments.String("method") is { } named ? CanonicalName(named) : null;
            if (method is null or "getUpdates")
            {
                webhookAnswersRefused++;
                return;
            }
            lock (gate)
            {
                calls.Add(new ApiCall(method, request.Arguments.Long("chat_id"), request.Json, [], time.GetUtcNow(), inWebhookAnswer: true));
                try
                {
                    Invoke(method, request.Arguments, []);
                }
                catch (BotApiException)
                {
                    webhookAnswersRefused++;
                }
            }
        }
    }

    private int webhookAnswersRefused;

    /// <summary>Methods given in webhook answers that Telegram would have refused (nobody hears of it but this count).</summary>
    public int WebhookAnswersRefused
    {
        get
        {
            lock (gate)
            {
                return webhookAnswersRefused;
            }
        }
    }
}
