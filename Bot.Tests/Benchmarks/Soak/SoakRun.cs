using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommunityBot.Conversations;
using CommunityBot.Privacy;
using CommunityBot.Reports;
using CommunityBot.Tests.Support;
using CommunityBot.Tests.Support.FakeTelegram;

namespace CommunityBot.Tests.Benchmarks.Soak;

/// <summary>How hard the soak pushes: members, how many at a time, kills, and the dice.</summary>
/// <param name="Patience">How long a member waits for an answer before sending the same thing again.</param>
/// <param name="UpTime">The longest a started bot lives before the next kill (each kill comes at a random moment within it).</param>
internal sealed record SoakSettings(int Members, int Parallel, int Kills, int Seed, TimeSpan Patience, TimeSpan UpTime)
{
    /// <summary>How long the whole run may take before members give up.</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromMinutes(20);
}

/// <summary>What the soak found; the targets are all zeros but <see cref="Receipts"/>, <see cref="Reports"/> and the
/// cards, and every owed card posted once.</summary>
internal sealed record SoakResult(
    int Kills,
    int Receipts,
    int Reports,
    int Lost,
    int Duplicated,
    int Orphaned,
    int Unanswered,
    int Unfinished,
    int Resends,
    int Redeliveries,
    int CardsOwed,
    int CardsPostedOnce,
    int CardsPostedTwice,
    int CardsPostedMore,
    int CardsStillOwed,
    int UnexpectedExits,
    int ErrorLines,
    TimeSpan Elapsed)
{
    /// <summary>For each member without a receipt, the last thing the bot said to them (the run's own made-up chats).</summary>
    public IReadOnlyList<string> Stuck { get; init; } = [];

    /// <summary>For each member with a message or press left without an answer: how many, how many slow-down notices they
    /// got (a chat's updates dropped as a flood get one notice for the burst, not one each), and what the bot said last.</summary>
    public IReadOnlyList<string> Unheard { get; init; } = [];

    public bool Clean =>
        Lost == 0 && Duplicated == 0 && Orphaned == 0 && Unanswered == 0 && Unfinished == 0 && UnexpectedExits == 0
        && CardsPostedMore == 0 && CardsStillOwed == 0 && CardsPostedOnce + CardsPostedTwice == CardsOwed;
}

/// <summary>
/// The real program (the built Bot.dll, run by <c>dotnet</c> as the service is) polls a fake Bot API on loopback that
/// redelivers every update no later offset confirmed, as Telegram does. Members go through the interview while the
/// program is killed with SIGKILL at random moments and started again on the same data folder. After the last stop the
/// database is read with the product's own stores and keys, and every receipt a member saw is looked for.
/// </summary>
internal sealed class SoakRun(SoakSettings settings)
{
    private const long ModeratorsChatId = TelegramBotHost.ModeratorsChatId;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly string SlowDown = ShippedFlow.Load().Texts.Get("ru", "tg.slow_down");

    private readonly StringBuilder _log = new();
    private readonly Random _dice = new(settings.Seed);
    private int _unexpectedExits;

    /// <summary>What the service wrote to its standard output and error in all its lives.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task<SoakResult> RunAsync(TextWriter progress)
    {
        using var data = new TempDirectory();
        await using var server = new FakeTelegramServer();
        await server.StartAsync();
        var moderators = server.Group(ModeratorsChatId, "Модераторы");
        var keys = KeyRing.CreateKeyFile(data.File("keys.json"));
        var environment = Environment(server, data);
        var clock = Stopwatch.StartNew();

        var bot = await StartAsync(server, environment);
        try
        {
            return await RunAgainstAsync(server, moderators, data, keys, environment, clock, progress, bot);
        }
        finally
        {
            foreach (var life in _lives)
            {
                if (!life.HasExited)
                {
                    life.Kill();
                }
                life.Dispose();
            }
        }
    }

    private readonly List<Process> _lives = [];

    private async Task<SoakResult> RunAgainstAsync(FakeTelegramServer server, FakeGroup moderators, TempDirectory data, KeyRing keys,
        Dictionary<string, string> environment, Stopwatch clock, TextWriter progress, Process bot)
    {
        var members = Enumerable.Range(1, settings.Members)
            .Select(i => new SoakMember(server.PrivateChatWith(userId: 5_000_000 + i, firstName: "M", username: null, languageCode: "ru"), i, settings.Patience))
            .ToList();
        using var giveUp = new CancellationTokenSource(settings.Limit);
        var interviews = RunMembersAsync(members, giveUp.Token);
        var watching = WatchAsync(server, members, interviews, clock, progress);

        var kills = 0;
        while (kills < settings.Kills)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_dice.NextDouble() * settings.UpTime.TotalMilliseconds));
            Kill(bot);
            kills++;
            if (kills % 10 == 0)
            {
                await progress.WriteLineAsync($"  {kills} kills, {members.Count(m => m.Receipts.Count > 0)} receipts so far ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            bot = await StartAsync(server, environment);
        }
        await interviews;
        await watching;

        // The last life runs until every update was fetched and every card the receipts promise went up.
        await server.WaitUntilIdleAsync(TimeSpan.FromSeconds(120), quietPeriod: TimeSpan.FromSeconds(2));
        var labels = members.SelectMany(m => m.Labels).ToHashSet();
        var cardsDeadline = Stopwatch.StartNew();
        while (labels.Any(label => !moderators.BotMessages.Any(card => (card.Text ?? "").Contains(label, StringComparison.Ordinal)))
            && cardsDeadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }
        await server.WaitUntilIdleAsync(TimeSpan.FromSeconds(60), quietPeriod: TimeSpan.FromSeconds(2));
        Kill(bot);
        clock.Stop();

        return await CountAsync(data, keys, members, moderators, kills, server.Redeliveries, clock.Elapsed);
    }

    private async Task<SoakResult> CountAsync(
        TempDirectory data, KeyRing keys, List<SoakMember> members, FakeGroup moderators, int kills, int redeliveries, TimeSpan elapsed)
    {
        using var stores = new TestStores(data, keys);
        var stored = new List<IncidentReport>();
        while (true)
        {
            var (page, total) = await stores.Queue.QueueAsync(null, stored.Count, 200);
            stored.AddRange(page);
            if (page.Count == 0 || stored.Count >= total)
            {
                break;
            }
        }

        var lost = 0;
        foreach (var code in members.SelectMany(m => m.Receipts))
        {
            lost += await stores.Reports.FindByReceiptAsync(code) is null ? 1 : 0;
        }
        var byMember = stored.GroupBy(r => r.Answers.GetValueOrDefault("narrative") is TextAnswer { Text: var story } ? SoakMember.NumberIn(story) : null).ToList();
        var sawReceipt = members.Where(m => m.Receipts.Count > 0).Select(m => (int?)m.Number).ToHashSet();
        var duplicated = byMember.Sum(g => g.Count() - 1) + members.Sum(m => Math.Max(0, m.Receipts.Count - 1));
        var orphaned = byMember.Where(g => !sawReceipt.Contains(g.Key)).Sum(g => g.Count());

        var cards = stored.Select(r => moderators.BotMessages.Count(card => (card.Text ?? "").Contains(r.Label, StringComparison.Ordinal))).ToList();
        var stillOwed = (await new ReportCards(stores.Database).OwedAsync()).Count;

        return new SoakResult(
            Kills: kills,
            Receipts: members.Sum(m => m.Receipts.Count),
            Reports: stored.Count,
            Lost: lost,
            Duplicated: duplicated,
            Orphaned: orphaned,
            Unanswered: members.Sum(Unanswered),
            Unfinished: members.Count(m => m.Receipts.Count == 0),
            Resends: members.Sum(m => m.Resends),
            Redeliveries: redeliveries,
            CardsOwed: stored.Count,
            CardsPostedOnce: cards.Count(c => c == 1),
            CardsPostedTwice: cards.Count(c => c == 2),
            CardsPostedMore: cards.Count(c => c > 2),
            CardsStillOwed: stillOwed,
            UnexpectedExits: _unexpectedExits,
            ErrorLines: Log.Split('\n').Count(line => line.Contains("[ERR]", StringComparison.Ordinal) || line.Contains("[FTL]", StringComparison.Ordinal)),
            Elapsed: elapsed)
        {
            Stuck = [.. members.Where(m => m.Receipts.Count == 0)
                .Select(m => $"member {m.Number}, {m.Actions.Count} actions{(m.Failure is null ? "" : ", " + m.Failure)}: "
                    + string.Join(" / ", m.Chat.Replies.TakeLast(2).Select(r => Shorten(r.Text))))],
            Unheard = [.. members.Where(m => Unanswered(m) > 0)
                .Select(m => $"member {m.Number}, {Unanswered(m)} of {m.Actions.Count} actions ({m.Actions.Count(a => a.Resend)} sent again), "
                    + $"{m.Chat.Replies.Count(r => r.Text == SlowDown)} slow-down notices, last after message {m.Actions[^1].AfterMessageId}: "
                    + string.Join(" / ", m.Chat.Replies.TakeLast(3).Select(r => $"{r.MessageId}{(r.Edited ? " edited" : "")} {Shorten(r.Text)}")))],
        };
    }

    private static string Shorten(string? text) => text is null ? "(no text)" : text.Length <= 70 ? text : text[..70] + "…";

    /// <summary>Each of the member's messages and presses needs an answer of its own: matched in order, each to the
    /// first bot message after it not taken by an earlier one (the bot handles one chat's updates in order).</summary>
    private static int Unanswered(SoakMember member)
    {
        var replies = member.Chat.Replies.Select(r => r.MessageId).Order().ToList();
        var taken = 0;
        var unanswered = 0;
        foreach (var (after, _) in member.Actions)
        {
            var next = replies.FindIndex(id => id > Math.Max(after, taken));
            if (next < 0)
            {
                unanswered++;
                continue;
            }
            taken = replies[next];
        }
        return unanswered;
    }

    private static async Task WatchAsync(FakeTelegramServer server, List<SoakMember> members, Task interviews, Stopwatch clock, TextWriter progress)
    {
        while (await Task.WhenAny(interviews, Task.Delay(TimeSpan.FromSeconds(15))) != interviews)
        {
            await progress.WriteLineAsync($"  {clock.Elapsed.TotalSeconds:F0} s: {members.Count(m => m.Receipts.Count > 0)} of {members.Count} members have their receipt; "
                + $"{members.Sum(m => m.Resends)} messages sent again; polls {server.Calls("getUpdates").Count}, last offset {(server.ConfirmedOffsets is [.., var lastOffset] ? lastOffset : 0)}, "
                + $"messages sent {server.Calls("sendMessage").Count}, redelivered {server.Redeliveries}");
        }
    }

    private async Task RunMembersAsync(List<SoakMember> members, CancellationToken giveUp)
    {
        using var gate = new SemaphoreSlim(settings.Parallel);
        await Task.WhenAll(members.Select(async member =>
        {
            await gate.WaitAsync(giveUp);
            try
            {
                await member.RunAsync(giveUp);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private void Kill(Process bot)
    {
        if (bot.HasExited)
        {
            _unexpectedExits++;
            return;
        }
        bot.Kill();
        bot.WaitForExit();
    }

    /// <summary>Starts the program and returns once it polls.</summary>
    private async Task<Process> StartAsync(FakeTelegramServer server, Dictionary<string, string> environment)
    {
        var polls = server.Calls("getUpdates").Count;
        var bot = BotProcess.StartService(["--data", environment["Storage__DataDirectory"]], environment, _log);
        _lives.Add(bot);
        var started = Stopwatch.StartNew();
        while (server.Calls("getUpdates").Count == polls)
        {
            if (bot.HasExited || started.Elapsed > StartLimit)
            {
                throw new InvalidOperationException("The bot did not start again: " + Log[^Math.Min(Log.Length, 4000)..]);
            }
            await Task.Delay(20);
        }
        return bot;
    }

    private static Dictionary<string, string> Environment(FakeTelegramServer server, TempDirectory data) => new()
    {
        ["Storage__DataDirectory"] = data.File("data"),
        ["Telegram__BotToken"] = server.Token,
        ["Telegram__ApiBaseUrl"] = server.BaseUrl,
        ["Telegram__ModeratorsChatId"] = ModeratorsChatId.ToString(CultureInfo.InvariantCulture),
        ["Telegram__Rates__PerChatPerSecond"] = "1000",
        ["Telegram__Rates__PerGroupPerMinute"] = "100000",
        ["Telegram__Rates__GlobalPerSecond"] = "100000",
        // Cards go up within two seconds, so that many are owed at any kill.
        ["Moderation__CardDelayMin"] = "00:00:00",
        ["Moderation__CardDelayMax"] = "00:00:02",
        ["Privacy__KeyFile"] = data.File("keys.json"),
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };
}
