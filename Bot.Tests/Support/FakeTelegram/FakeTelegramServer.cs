using System.Collections.Frozen;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CommunityBot.Tests.Support.FakeTelegram;

/// <summary>
/// A Telegram Bot API server on 127.0.0.1 for end-to-end tests: the real <see cref="TelegramBotClient"/> talks to it
/// over HTTP, it keeps chats, answers like Telegram does (errors included), records every call, and refuses methods
/// it does not know so a test notices the bot used something nobody checked.
/// </summary>
internal sealed partial class FakeTelegramServer : IAsyncDisposable
{
    public const string DefaultToken = "7000000001:AAFakeTokenForEndToEndTests_0123456789";

    /// <summary>How long a wait for the bot goes on before it fails: a wait ends as soon as what it waits for happens,
    /// and on two cores shared with other builds and tests (load average 40 and more) everything takes many times
    /// longer than on a quiet machine.</summary>
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);

    // The names allowed_updates uses ("message", "callback_query", ...), as the library writes them.
    private static readonly FrozenDictionary<UpdateType, string> UpdateTypeNames = Enum.GetValues<UpdateType>()
        .ToFrozenDictionary(type => type, type => JsonSerializer.Serialize(type, JsonBotAPI.Options).Trim('"'));

    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<ApiCall> calls = [];
    private readonly List<ApiCall> unknownCalls = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? app;
    private int requestsInFlight;
    private TimeSpan lastActivity;

    public FakeTelegramServer(TimeProvider? time = null, string token = DefaultToken, string botUsername = "community_test_bot")
    {
        this.time = time ?? TimeProvider.System;
        Token = token;
        BotUser = new User
        {
            Id = long.Parse(token.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture),
            IsBot = true,
            FirstName = "Community Bot",
            Username = botUsername,
            CanJoinGroups = true,
            CanReadAllGroupMessages = true,
        };
    }

    public string Token { get; }

    /// <summary>The bot itself, as getMe describes it and as the sender of its messages.</summary>
    public User BotUser { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Client options pointing at this server; tests may change the retry settings before use.</summary>
    public TelegramBotClientOptions ClientOptions() => new(Token, baseUrl: BaseUrl);

    public TelegramBotClient CreateClient(HttpClient? httpClient = null) => new(ClientOptions(), httpClient);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        stopping.Dispose();
    }

    // ---- Recording -------------------------------------------------------------------------------------------------

    public IReadOnlyList<ApiCall> AllCalls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public IReadOnlyList<ApiCall> Calls(string method)
    {
        lock (gate)
        {
            return [.. calls.Where(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase))];
        }
    }

    /// <summary>Calls of methods this server does not implement; an end-to-end test should end with this empty.</summary>
    public IReadOnlyList<ApiCall> UnknownCalls
    {
        get
        {
            lock (gate)
            {
                return [.. unknownCalls];
            }
        }
    }

    // ---- Waiting ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Returns once every enqueued update was fetched by getUpdates and no other request has been in flight or
    /// arrived for <paramref name="quietPeriod"/> (default 100 ms); throws after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitUntilIdleAsync(TimeSpan? timeout = null, TimeSpan? quietPeriod = null)
    {
        var quiet = quietPeriod ?? TimeSpan.FromMilliseconds(100);
        var deadline = clock.Elapsed + (timeout ?? DefaultWait);
        while (true)
        {
            TimeSpan sinceActivity;
            int pending;
            int inFlight;
            lock (gate)
            {
                pending = UndeliveredCount();
                inFlight = requestsInFlight;
                sinceActivity = clock.Elapsed - lastActivity;
            }

            if (pending == 0 && inFlight == 0 && sinceActivity >= quiet)
            {
                return;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException(
                    $"The bot did not go idle: {pending} update(s) not fetched, {inFlight} request(s) in flight.");
            }

            await Task.Delay(pending == 0 && inFlight == 0 ? quiet - sinceActivity : TimeSpan.FromMilliseconds(10));
        }
    }

    internal async Task<BotMessage> WaitForBotMessageAsync(
        long chatId, int afterMessageId, Func<BotMessage, bool>? predicate, TimeSpan? timeout)
    {
        var deadline = clock.Elapsed + (timeout ?? DefaultWait);
        var seen = new List<BotMessage>();
        var cursor = afterMessageId;
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (!chats.TryGetValue(chatId, out var chat))
                {
                    // No such chat yet: look again shortly (a test may wait before the chat exists).
                    next = Task.Delay(TimeSpan.FromMilliseconds(20));
                }
                else
                {
                    next = chat.NextChange;
                    foreach (var message in chat.BotMessagesAfter(cursor))
                    {
                        cursor = message.MessageId;
                        seen.Add(message);
                        if (predicate is null || predicate(message))
                        {
                            return message;
                        }
                    }
                }
            }

            var left = deadline - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                var shown = seen.Count == 0 ? "none" : string.Join("; ", seen);
                throw new TimeoutException($"No matching bot message in chat {chatId}; new messages seen: {shown}.");
            }

            try
            {
                // WaitAsync's timer goes away with the wait; a Task.Delay beside it would stay queued until it fired.
                await next.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Checked once more above, then reported with what was seen.
            }
        }
    }

    /// <summary>Wakes whoever waits for updates to go out (getUpdates); called under the gate when the queue changes.</summary>
    private void Changed()
    {
        var previous = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var slash = path.LastIndexOf('/');
        if (!path.StartsWith("/bot", StringComparison.Ordinal) || slash <= 4)
        {
            await WriteErrorAsync(context, new BotApiException(404, "Not Found"));
            return;
        }

        var token = path[4..slash];
        var method = path[(slash + 1)..];
        if (token != Token)
        {
            await WriteErrorAsync(context, new BotApiException(401, "Unauthorized"));
            return;
        }

        var known = CanonicalName(method);
        var polling = known == "getUpdates";
        if (!polling)
        {
            lock (gate)
            {
                requestsInFlight++;
                lastActivity = clock.Elapsed;
            }
        }

        try
        {
            using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            var result = await ExecuteAsync(context, known ?? method, known is not null, aborted.Token);
            await result.WriteResponseAsync(context);
        }
        catch (BotApiException refusal)
        {
            await WriteErrorAsync(context, refusal);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client went away or the server is stopping: nobody is left to answer.
        }
        finally
        {
            if (!polling)
            {
                lock (gate)
                {
                    requestsInFlight--;
                    lastActivity = clock.Elapsed;
                }
            }
        }
    }

    private async Task<ApiResult> ExecuteAsync(HttpContext context, string method, bool known, CancellationToken cancellationToken)
    {
        using var request = await ApiRequestReader.ReadAsync(context.Request, cancellationToken);
        var arguments = request.Arguments;
        var files = request.Files;
        var call = new ApiCall(method, arguments.Long("chat_id"), request.Json, files, time.GetUtcNow());
        TimeSpan? delay = null;
        BotApiException? failure = null;
        Task? held = null;
        bool lacks, unread;
        lock (gate)
        {
            calls.Add(call);
            (lacks, unread) = (lacking.Contains(method), answeredWithoutResult.Contains(method));
            if (method == "sendMessage" && call.ChatId is { } chatId)
            {
                held = heldChats.Of(chatId);
            }

            if (!known)
            {
                unknownCalls.Add(call);
            }

            if (delays.TryGetValue(method, out var slow) && slow.Count > 0)
            {
                delay = slow.Dequeue();
            }

            if (failures.TryGetValue(method, out var failing) && failing.Count > 0)
            {
                failure = failing.Dequeue();
            }
        }

        if (held is not null)
        {
            await held.WaitAsync(cancellationToken);
        }

        if (delay is { } wait)
        {
            await Task.Delay(wait, cancellationToken);
        }

        if (failure is not null)
        {
            throw failure;
        }

        if (lacks)
        {
            return ApiResult.Lacking(method);
        }

        if (!known)
        {
            throw new BotApiException(404, "Not Found");
        }

        if (method == "getUpdates")
        {
            return await GetUpdatesAsync(arguments, cancellationToken);
        }

        lock (gate)
        {
            var result = Invoke(method, arguments, files);
            return unread ? ApiResult.FromJsonNode(null) : result;
        }
    }

    private static Task WriteErrorAsync(HttpContext context, BotApiException refusal)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = refusal.ErrorCode, ["description"] = refusal.Message };
        if (refusal.RetryAfter is not null || refusal.MigrateToChatId is not null)
        {
            var parameters = new JsonObject();
            if (refusal.RetryAfter is { } retryAfter)
            {
                parameters["retry_after"] = retryAfter;
            }

            if (refusal.MigrateToChatId is { } migrateTo)
            {
                parameters["migrate_to_chat_id"] = migrateTo;
            }

            body["parameters"] = parameters;
        }

        return WriteAsync(context, refusal.ErrorCode, body);
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static JsonNode? ToJson<T>(T value) => JsonSerializer.SerializeToNode(value, JsonBotAPI.Options);

    private DateTime Now()
    {
        var now = time.GetUtcNow();
        return DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()).UtcDateTime;
    }

    private static string UpdateTypeName(UpdateType type) => UpdateTypeNames[type];
}
