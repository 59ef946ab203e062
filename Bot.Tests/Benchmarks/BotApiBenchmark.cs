using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CommunityBot.Channels.Telegram;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;
using Telegram.Bot;
using Telegram.Bot.Requests;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CommunityBot.Tests.Benchmarks;

/// <summary>
/// What the bot's side of a Bot API call costs in JSON, the library's requests beside the bot's own: writing a question
/// with its keyboard, reading Telegram's answer to it, and reading a poll of fifty updates, by the library and as the poller reads it. The answers are the fake Bot API's, which answer as Telegram does (the whole message, its
/// keyboard included; non-ASCII text as \u escapes). Each figure is the CPU time and the allocations of one thread per call, so it
/// leaves out HTTP and sockets, which are the same either way. <c>benchmark-botapi [--calls 20000]</c>.
/// </summary>
internal static class BotApiBenchmark
{
    private const long ChatId = 1001;

    /// <summary>The shipped interview's first question: eighteen kinds of incident, one a row.</summary>
    private static readonly string[] Categories =
    [
        "hospital", "tb", "custody", "take_home", "dose_reduced", "discharged", "admission", "interruption", "other_city",
        "documents", "confidentiality", "police", "extortion", "ambulance_maternity", "work", "children", "humiliation", "other",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args is [.., "--calls", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 20_000;
        await using var server = new FakeTelegramServer();
        await server.StartAsync();
        var member = server.PrivateChatWith(userId: ChatId, firstName: "A", username: null, languageCode: "ru");
        await member.SendsAsync("/start");
        using var http = new HttpClient();
        var texts = ShippedFlow.Load().Texts;
        var html = "<b>" + texts.Get("ru", "category.prompt") + "</b>";
        var keyboard = new InlineKeyboardMarkup(
            Categories.Select((key, i) => new[] { InlineKeyboardButton.WithCallbackData(texts.Get("ru", "category." + key), $"p:3:{i}:ab12cd") })
                .Append([InlineKeyboardButton.WithCallbackData("‹ " + texts.Get("ru", "nav.back"), "p:3:b:ab12cd"), InlineKeyboardButton.WithCallbackData("✕ " + texts.Get("ru", "nav.cancel"), "p:3:c:ab12cd")])
                .ToArray());
        var sent = await PostAsync(http, server, TextRequest.Send, TextRequest.NewMessage(ChatId, html, keyboard, null).ToHttpContent());

        // Fifty members answering at once; a poll brings back the updates still in hand with the new ones.
        for (var i = 0; i < 49; i++)
        {
            await member.SendsAsync("ответ " + i.ToString(CultureInfo.InvariantCulture));
        }
        var polled = await PostAsync(http, server, "getUpdates", new GetUpdatesRequest { Offset = 0, Limit = 100, Timeout = 0, AllowedUpdates = TelegramPollingService.AllowedUpdates }.ToHttpContent() ?? throw new InvalidOperationException("A poll without a body."));
        var ids = JsonSerializer.Deserialize<ApiResponse<Update[]>>(polled, JsonBotAPI.Options)?.Result ?? [];

        Console.WriteLine($"a question of {html.Length} characters with {keyboard.InlineKeyboard.Count()} rows of buttons; Telegram's answer to it {sent.Length} bytes; "
            + $"a poll of {ids.Length} updates ({polled.Length} bytes); {calls} calls each, one thread");
        Measure("write sendMessage: library's request", calls, () => CopyOut(new SendMessageRequest
        {
            ChatId = ChatId,
            Text = html,
            ParseMode = ParseMode.Html,
            ReplyMarkup = keyboard,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
        }.ToHttpContent()));
        Measure("write sendMessage: the bot's own", calls, () => CopyOut(TextRequest.NewMessage(ChatId, html, keyboard, null).ToHttpContent()));
        Measure("read its answer as Message", calls, () => JsonSerializer.Deserialize<ApiResponse<Message>>(sent, JsonBotAPI.Options));
        Measure("read its answer as MessageId", calls, () => JsonSerializer.Deserialize<ApiResponse<MessageId>>(sent, JsonBotAPI.Options));
        Measure("read a poll of fifty updates", calls / 10, () => JsonSerializer.Deserialize<ApiResponse<Update[]>>(polled, JsonBotAPI.Options));
        // Under load a poll brings about six updates still in hand for each new one (the benchmark's "polled again").
        var fresh = ids[^7].Id;
        Measure("the poller's: seven new, the rest in hand", calls / 10, () => PolledUpdates.Read(polled, known: id => id < fresh));
        Measure("the poller's: all fifty in hand", calls / 10, () => PolledUpdates.Read(polled, known: _ => true));
        return 0;
    }

    private static async Task<byte[]> PostAsync(HttpClient http, FakeTelegramServer server, string method, HttpContent body)
    {
        using var content = body;
        using var answer = await http.PostAsync(new Uri($"{server.BaseUrl}/bot{server.Token}/{method}"), content);
        return await answer.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Writes the body as the handler does, into the connection's stream (here one that keeps nothing).</summary>
    private static long CopyOut(HttpContent? body)
    {
        using var content = body ?? throw new InvalidOperationException("A request without a body.");
        content.CopyTo(Stream.Null, null, CancellationToken.None);
        return content.Headers.ContentLength ?? 0;
    }

    private static void Measure(string what, int calls, Func<object?> call)
    {
        for (var i = 0; i < Math.Max(1000, calls / 10); i++)
        {
            call();
        }
        // The process's CPU time, not the clock's: on a shared machine the thread waits for a core more than it runs.
        // Nothing else in the process works meanwhile (the fake server is idle), so it is this thread's, with the GC.
        using var self = Process.GetCurrentProcess();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = self.TotalProcessorTime;
        for (var i = 0; i < calls; i++)
        {
            call();
        }
        self.Refresh();
        cpu = self.TotalProcessorTime - cpu;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-40} {cpu.TotalMicroseconds / calls,8:F2} µs CPU {allocated / calls,8:N0} bytes allocated per call"));
    }
}
